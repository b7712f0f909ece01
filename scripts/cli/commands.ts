import type { CommandDef } from 'citty';

/**
 * Every kb sub-command, loaded lazily so `kb adr new` does not pay for the
 * ingest adapters. Add a command: one line here, one file in commands/.
 */
export const commands: Record<string, () => Promise<CommandDef>> = {
};
