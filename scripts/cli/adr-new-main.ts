import newCommand from './commands/adr-new.ts';
import { runCli, type CliContext } from './run.ts';

/**
 * The entry for `kb adr new …` (without --help): runs the same command as
 * main.ts would, without loading the root command table, so the most
 * frequent command starts from a small bundle (see scripts/bin/load-main.mjs).
 * citty hands `new` exactly argv minus `adr new`, so this is the same run.
 */
export async function main(argv: string[], context: CliContext): Promise<number> {
  // Commands read the working directory from here (see core/project.ts).
  process.env.KB_CWD = context.cwd;
  return runCli(newCommand, argv.slice(2), argv);
}
