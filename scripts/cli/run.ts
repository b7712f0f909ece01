import { runCommand, type CommandDef } from 'citty';
import { isKbError } from '../core/errors.ts';

export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs one citty command and turns what it throws into the exit code
 * (KbError → its code's exit, citty's usage errors → 2, anything else → 1),
 * each as one line on stderr. `argv` is the whole command line, for hints.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command's args type differs; erased here as in commands.ts
export async function runCli(cmd: CommandDef<any>, rawArgs: string[], argv: readonly string[]): Promise<number> {
  try {
    await runCommand(cmd, { rawArgs });
    return 0;
  } catch (error) {
    if (isKbError(error)) {
      process.stderr.write(`kb: ${error.format()}\n`);
      return error.exitCode;
    }
    if (error instanceof Error && error.name === 'CLIError') {
      process.stderr.write(`kb: ${error.message} — run \`kb ${argv[0] ?? ''} --help\` for usage\n`);
      return 2;
    }
    process.stderr.write(
      `kb: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
