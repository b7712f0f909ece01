import type { CommandDef } from 'citty';

/**
 * Every kb sub-command, loaded lazily so `kb adr new` does not pay for the
 * ingest adapters. Add a command: one line here, one file in commands/.
 */
// Each command's args type differs; `any` here only erases it at the registry.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: the registry holds commands whose args types all differ
export const commands: Record<string, () => Promise<CommandDef<any>>> = {
  ingest: () => import('./commands/ingest.ts').then((m) => m.default),
  kinds: () => import('./commands/kinds.ts').then((m) => m.default),
  adr: () => import('./commands/adr.ts').then((m) => m.default),
  new: () => import('./commands/new.ts').then((m) => m.default),
  week: () => import('./commands/week.ts').then((m) => m.default),
  list: () => import('./commands/list.ts').then((m) => m.default),
  check: () => import('./commands/check.ts').then((m) => m.default),
  mcp: () => import('./commands/mcp.ts').then((m) => m.default),
};
