import { defineCommand } from 'citty';
import newCommand from './commands/adr-new.ts';
import { type CliContext, runCli } from './run.ts';

/**
 * The entry for `kb adr new …` (without --help): runs the same command as
 * main.ts would, through the same runCli, without loading the root command
 * table, so the most frequent command starts from a small bundle (see
 * scripts/bin/load-main.mjs).
 */
const root = defineCommand({ subCommands: { adr: defineCommand({ subCommands: { new: newCommand } }) } });

export async function main(argv: string[], context: CliContext): Promise<number> {
  return runCli(root, argv, context);
}
