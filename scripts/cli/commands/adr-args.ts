import { KbError } from '../../core/errors.ts';
import { findProjectRoot, workingDirectory } from '../../core/project.ts';

// What the kb adr sub-commands share; kept apart from adr.ts so the
// `kb adr new` entry (cli/adr-new-main.ts) loads only this and adr-new.ts.

export const root = () => findProjectRoot(workingDirectory());
export const today = () => process.env.KB_TODAY ?? new Date().toISOString().slice(0, 10);
export const json = { type: 'boolean', description: 'print the result as JSON' } as const;
export const dryRun = { type: 'boolean', description: 'show what would change, write nothing' } as const;

/** Every value of a repeatable flag (`--tag a --tag b`, `--tag=a`); citty keeps only the last. */
export function repeated(rawArgs: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i]!;
    if (a === `--${name}` && i + 1 < rawArgs.length) out.push(rawArgs[++i]!);
    else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  }
  return out
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseNumber(value: unknown, what: string): number {
  const text = String(value ?? '').replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(text) || Number(text) === 0) {
    throw new KbError('BAD_ARGUMENT', `${what} "${String(value ?? '')}" is not an ADR number`, {
      hint: 'give the number, e.g. 7 or 0007',
    });
  }
  return Number(text);
}

export function print(asJson: boolean | undefined, value: unknown, human: string): void {
  process.stdout.write(asJson ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}
