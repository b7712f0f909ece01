import { defineCommand, type ArgsDef, type CommandDef, type CommandMeta } from 'citty';
import { parseDate, todayOf } from '../core/dates.ts';
import { KbError } from '../core/errors.ts';
import { findProjectRoot } from '../core/project.ts';

// The one argument layer of every kb command. A command declares its
// arguments once, as data (citty's arg definitions plus `value` and
// `repeatable`); from that one table citty renders --help, and this module
// parses the command line strictly: unknown or mistyped options, missing
// values, extra positionals and values that do not parse are usage errors
// (exit 2) before the command runs, and `run` gets typed, checked values.

/** The process around a command: passed in by the entry point, never read from globals below it. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Checked kinds of value, beyond citty's plain strings. */
export const valueKinds = {
  /** A plan week, 1–12. */
  week: (text: string, field: string): number => {
    const n = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > 12)
      throw new KbError('BAD_ARGUMENT', `week "${text}" is not a plan week`, {
        field,
        hint: 'give a week from 1 to 12',
      });
    return n;
  },
  /** A calendar date, YYYY-MM-DD. */
  date: (text: string, field: string): string => parseDate(text, field),
  /** An ADR number: 7 or 0007. */
  'adr-number': (text: string, field: string): number => {
    const digits = text.trim().replace(/^0+(?=\d)/, '');
    if (!/^\d+$/.test(digits) || Number(digits) === 0)
      throw new KbError('BAD_ARGUMENT', `"${text}" is not an ADR number`, {
        field,
        hint: 'give the number, e.g. 7 or 0007',
      });
    return Number(digits);
  },
  /** An ADR link, N:type (the types a new record may declare). */
  'adr-link': (text: string, field: string): { target: number; type: (typeof newLinkTypes)[number] } => {
    const m = /^(\d+):([a-z-]+)$/.exec(text.trim());
    const type = newLinkTypes.find((t) => t === m?.[2]);
    if (!m || !type || Number(m[1]) === 0)
      throw new KbError('BAD_ARGUMENT', `"${text}" is not N:type`, {
        field,
        hint: `write e.g. ${field} 3:amends; types: ${newLinkTypes.join(', ')}`,
      });
    return { target: Number(m[1]), type };
  },
} as const;

/** Link types `kb adr new --link` accepts (their inverses are written on the target). */
export const newLinkTypes = ['amends', 'relates-to', 'depends-on', 'clarifies'] as const;
export type ValueKind = keyof typeof valueKinds;

/**
 * Today as YYYY-MM-DD (UTC), from `now`; `KB_TODAY` in `env` pins it for
 * reproducible runs and must itself be a date.
 */
export function today(env: NodeJS.ProcessEnv, now: Date = new Date()): string {
  const pinned = env.KB_TODAY;
  if (pinned === undefined) return todayOf(now);
  try {
    return parseDate(pinned, 'KB_TODAY');
  } catch {
    throw new KbError('BAD_ARGUMENT', `"${pinned}" is not a date (YYYY-MM-DD)`, {
      field: 'KB_TODAY',
      hint: 'unset it or write a date like 2025-01-06',
    });
  }
}

interface Common {
  description: string;
  valueHint?: string;
}
/** One argument of a kb command: citty's definition, plus how its value is checked. */
export type KbArg =
  | (Common & { type: 'boolean'; default?: boolean })
  | (Common & {
      type: 'string';
      default?: string;
      value?: ValueKind;
      /** Every occurrence is kept; `'comma'` also splits each on commas. */
      repeatable?: true | 'comma';
    })
  | (Common & { type: 'enum'; options: readonly string[]; default?: string; repeatable?: true | 'comma' })
  | (Common & {
      type: 'positional';
      required?: boolean;
      value?: ValueKind;
      options?: readonly string[];
      /** Takes every remaining positional (e.g. input files). */
      rest?: true;
    });
export type KbArgs = Record<string, KbArg>;

type ValueOf<A extends KbArg> = A extends { value: infer K extends ValueKind }
  ? ReturnType<(typeof valueKinds)[K]>
  : A extends { options: readonly (infer O)[] }
    ? O
    : string;
type ParsedArg<A extends KbArg> = A extends { type: 'boolean' }
  ? boolean
  : A extends { rest: true }
    ? string[]
    : A extends { repeatable: true | 'comma' }
      ? ValueOf<A>[]
      : A extends { default: string } | { required: true }
        ? ValueOf<A>
        : ValueOf<A> | undefined;
/** The values `run` receives, typed from the declaration. */
export type ParsedArgs<A extends KbArgs> = { [K in keyof A]: ParsedArg<A[K]> };

/** Shared declarations: the same flag means the same thing in every command. */
export const common = {
  json: { type: 'boolean', description: 'print the result as JSON' },
  dryRun: { type: 'boolean', description: 'show what would change, write nothing' },
  force: { type: 'boolean', description: 'overwrite an existing file' },
  root: { type: 'string', description: 'knowledge base root (default: nearest folder with docusaurus.config.ts)' },
} as const satisfies KbArgs;

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The candidate closest to `word`, when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = c.startsWith(word) || word.startsWith(c) ? Math.abs(c.length - word.length) : distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function usage(message: string, hint: string): KbError {
  return new KbError('USAGE', message, { hint });
}

function checkValue(def: KbArg, text: string, field: string): unknown {
  if ('options' in def && def.options && !def.options.includes(text))
    throw new KbError('BAD_ARGUMENT', `"${text}" is not one of ${def.options.join(', ')}`, {
      field,
      hint: closest(text, def.options)
        ? `did you mean ${closest(text, def.options)}?`
        : `use one of ${def.options.join(', ')}`,
    });
  return 'value' in def && def.value ? valueKinds[def.value](text, field) : text;
}

/**
 * Parses a command line against a declaration: `--name value`, `--name=value`,
 * `--flag`, `--no-flag`, `--` ends the options. Throws USAGE (unknown option,
 * with the closest valid one; missing value; extra argument) or BAD_ARGUMENT
 * (a value that does not parse), so a command never runs on a typo.
 */
export function parseKbArgs<A extends KbArgs>(defs: A, rawArgs: readonly string[], command: string): ParsedArgs<A> {
  const help = `see kb ${command} --help`;
  const options = Object.entries(defs).filter(
    (e): e is [string, Exclude<KbArg, { type: 'positional' }>] => e[1].type !== 'positional',
  );
  const positionals = Object.entries(defs).filter(([, d]) => d.type === 'positional');
  const byName = new Map(options);
  const values = new Map<string, string[]>();
  const words: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < rawArgs.length; i++) {
    const token = rawArgs[i]!;
    if (onlyPositionals || token === '-' || !token.startsWith('-') || /^-\d/.test(token)) {
      words.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(token.startsWith('--') ? 2 : 1, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    let def = byName.get(name);
    let negated = false;
    if (!def && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
      def = byName.get(name.slice(3));
      negated = true;
    }
    if (!def || !token.startsWith('--')) {
      const guess = closest(name, [...byName.keys()]);
      throw usage(`unknown option ${token.split('=')[0]}`, guess ? `did you mean --${guess}?` : help);
    }
    const key = negated ? name.slice(3) : name;
    if (def.type === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false')
        throw usage(`--${key} takes no value`, `write --${key} or --no-${key}`);
      values.set(key, [String(negated ? false : inline !== 'false')]);
      continue;
    }
    const value = inline ?? rawArgs[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw usage(`--${key} needs a value`, help);
    if (inline === undefined) i++;
    const field = `--${key}`;
    const parts = def.repeatable === 'comma' ? value.split(',').map((v) => v.trim()) : [value];
    for (const part of parts.filter((p) => p !== '' || def.repeatable !== 'comma')) checkValue(def, part, field);
    values.set(key, [...(def.repeatable ? (values.get(key) ?? []) : []), ...parts.filter((p) => p !== '')]);
  }

  const out: Record<string, unknown> = {};
  for (const [name, def] of options) {
    const given = values.get(name);
    const field = `--${name}`;
    if (def.type === 'boolean') out[name] = given ? given[0] === 'true' : (def.default ?? false);
    else if ('repeatable' in def && def.repeatable) out[name] = (given ?? []).map((v) => checkValue(def, v, field));
    else {
      const text = given?.[0] ?? def.default;
      out[name] = text === undefined ? undefined : checkValue(def, text, field);
    }
  }
  for (const [name, def] of positionals) {
    if (def.type !== 'positional') continue;
    if (def.rest) {
      out[name] = words.splice(0);
      continue;
    }
    const word = words.shift();
    if (word === undefined && def.required) throw usage(`missing ${name.toUpperCase()}`, help);
    out[name] = word === undefined ? undefined : checkValue(def, word, name);
  }
  if (words.length > 0)
    throw usage(`unexpected argument "${words[0]}"`, `${help} (quote a title with spaces: "Use Redis")`);
  return out as ParsedArgs<A>;
}

/** What a command's `run` receives. */
export interface KbRun<A extends KbArgs> extends CliContext {
  args: ParsedArgs<A>;
  /** Today (KB_TODAY-aware), checked when first asked. */
  today(): string;
  /** The knowledge base root: `--root` when declared and given, else found from `cwd`. */
  root(): string;
}

export interface KbCommand<A extends KbArgs> {
  meta: CommandMeta & { name: string; description: string };
  args: A;
  run(context: KbRun<A>): unknown;
}

const hints: Record<ValueKind, string> = { week: '1-12', date: 'YYYY-MM-DD', 'adr-number': 'N', 'adr-link': 'N:type' };

/** citty's view of a declaration: what --help renders (citty never parses a kb command line). */
function cittyArgs(args: KbArgs): ArgsDef {
  const out: ArgsDef = {};
  for (const [name, a] of Object.entries(args)) {
    const repeatable = 'repeatable' in a && a.repeatable ? ' (repeatable)' : '';
    const kind = 'value' in a ? a.value : undefined;
    const base = { description: a.description + repeatable, valueHint: a.valueHint ?? (kind && hints[kind]) };
    if (a.type === 'positional') out[name] = { ...base, type: 'positional', required: Boolean(a.required) };
    else if (a.type === 'enum') out[name] = { ...base, type: 'enum', options: [...a.options], default: a.default };
    else if (a.type === 'string') out[name] = { ...base, type: 'string', default: a.default };
    else out[name] = { ...base, type: 'boolean', default: a.default };
  }
  return out;
}

/**
 * A kb command as a citty command: citty renders its --help from `args`;
 * `run` parses the command line with parseKbArgs and gets the context the
 * entry point passed as `data` (see run.ts), never process globals.
 */
export function defineKbCommand<const A extends KbArgs>(def: KbCommand<A>): CommandDef {
  return defineCommand({
    meta: def.meta,
    args: cittyArgs(def.args),
    async run({ rawArgs, data }) {
      const context = data as (CliContext & { command?: string }) | undefined;
      if (!context?.cwd) throw new KbError('INTERNAL', `kb ${def.meta.name} was run without its context`);
      const args = parseKbArgs(def.args, rawArgs, context.command ?? def.meta.name);
      const explicitRoot = (args as Record<string, unknown>).root;
      await def.run({
        cwd: context.cwd,
        env: context.env,
        args,
        today: () => today(context.env),
        root: () => findProjectRoot(context.cwd, typeof explicitRoot === 'string' ? explicitRoot : undefined),
      });
    },
  });
}
