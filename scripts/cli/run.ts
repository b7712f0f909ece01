import type { CommandDef } from 'citty';
import { isKbError, KbError } from '../core/errors.ts';
import { type CliContext, closest } from './args.ts';

export type { CliContext } from './args.ts';

// Each command's args type differs; `any` only erases it at the registry.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyCommand = CommandDef<any>;

async function resolve<T>(value: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

/**
 * The command an argv names, walking sub-command words (`adr new`), with the
 * words it took and the rest of the argv. An unknown sub-command is a usage
 * error naming the closest one.
 */
export async function resolveCommand(
  root: AnyCommand,
  argv: readonly string[],
  strict = true,
): Promise<{ cmd: AnyCommand; parent?: AnyCommand; path: string[]; rest: string[] }> {
  let cmd = root;
  let parent: AnyCommand | undefined;
  const path: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const subs = cmd.subCommands ? await resolve(cmd.subCommands) : undefined;
    if (!subs) break;
    const word = argv[i]!;
    const next = word.startsWith('-') ? undefined : subs[word];
    if (!next) {
      if (!strict) break;
      const names = Object.keys(subs);
      const guess = word.startsWith('-') ? undefined : closest(word, names);
      const where = ['kb', ...path].join(' ');
      throw new KbError('USAGE', word.startsWith('-') ? `${where} needs a command` : `unknown command ${word}`, {
        hint: guess ? `did you mean ${where} ${guess}?` : `one of ${names.join(', ')} (see ${where} --help)`,
      });
    }
    parent = cmd;
    cmd = await resolve(next);
    path.push(word);
  }
  if (strict && cmd.subCommands && !cmd.run) {
    const where = ['kb', ...path].join(' ');
    throw new KbError('USAGE', `${where} needs a command`, {
      hint: `one of ${Object.keys(await resolve(cmd.subCommands)).join(', ')} (see ${where} --help)`,
    });
  }
  return { cmd, parent, path, rest: argv.slice(i) };
}

/**
 * Runs the command `argv` names under `root` with `context` (cwd, env) and
 * turns what it throws into the exit code (KbError → its code's exit,
 * anything else → 1), each as one line on stderr.
 */
export async function runCli(root: AnyCommand, argv: readonly string[], context: CliContext): Promise<number> {
  try {
    const { cmd, path, rest } = await resolveCommand(root, argv);
    await cmd.run?.({ rawArgs: rest, args: { _: rest } as never, cmd, data: { ...context, command: path.join(' ') } });
    return 0;
  } catch (error) {
    if (isKbError(error)) {
      process.stderr.write(`kb: ${error.format()}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `kb: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
