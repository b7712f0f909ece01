/** Small helpers the catalog's commands share: root, today, repeated flags, output. */
import { KbError } from '../core/errors.ts';

// Project root resolution lives in core/project.ts: every command shares it.
export { findProjectRoot, workingDirectory } from '../core/project.ts';

/** Today as YYYY-MM-DD (UTC); KB_TODAY pins it for reproducible runs. */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.KB_TODAY;
  if (pinned !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned))
      throw new KbError('BAD_ARGUMENT', `KB_TODAY "${pinned}" is not YYYY-MM-DD`, {
        field: 'KB_TODAY',
        hint: 'unset it or write a date like 2025-01-06',
      });
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/**
 * Every value of a repeatable flag (`--field a=1 --field=b=2`), in order.
 * citty keeps only the last one, so the raw argv is read; values are kept
 * whole (a field value may contain commas or `=`). Stops at `--`.
 */
export function repeatedFlag(rawArgs: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i]!;
    if (a === '--') break;
    if (a === `--${name}`) {
      const value = rawArgs[i + 1];
      if (value === undefined)
        throw new KbError('USAGE', `--${name} needs a value`, {
          field: `--${name}`,
          hint: `write --${name} key=value`,
        });
      out.push(value);
      i++;
    } else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  }
  return out;
}

/** Parses a week flag or argument: a whole number 1–12, else BAD_ARGUMENT. */
export function parseWeek(value: unknown, field = '--week'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 12)
    throw new KbError('BAD_ARGUMENT', `week "${text}" is not a plan week`, { field, hint: 'give a week from 1 to 12' });
  return n;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Pads columns for a plain-text table (no colours, so output pipes cleanly). */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '))
    .join('\n');
}

/**
 * citty ignores options it does not know, so `--wek 3` would silently do
 * nothing; a command calls this to make a mistyped option a usage error.
 */
export function assertKnownFlags(
  rawArgs: readonly string[],
  args: Record<string, { type?: string }>,
  command: string,
): void {
  const known = new Set(
    Object.entries(args)
      .filter(([, def]) => def.type !== 'positional')
      .map(([name]) => name),
  );
  for (const token of rawArgs) {
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) continue;
    const name = token.replace(/^--?/, '').split('=')[0]!;
    const bare = name.startsWith('no-') ? name.slice(3) : name;
    if (known.has(name) || known.has(bare) || name === 'help' || name === 'h') continue;
    throw new KbError('USAGE', `unknown option ${token.split('=')[0]}`, {
      hint: `see kb ${command} --help (options: ${[...known].map((n) => `--${n}`).join(', ')})`,
    });
  }
}
