import { defineCommand, renderUsage } from 'citty';
import { commands } from './commands.ts';
import { type CliContext, resolveCommand, runCli } from './run.ts';

export type { CliContext } from './run.ts';

const root = defineCommand({
  meta: { name: 'kb', description: 'Sophia KB: scaffold, check, ingest and serve the knowledge base' },
  subCommands: commands,
});

/** The CLI entry: returns the exit code; only bin/kb.mjs touches process.exit. */
export async function main(argv: string[], context: CliContext): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    const { cmd, parent } = await resolveCommand(root, argv, false);
    process.stdout.write(`${await renderUsage(cmd, parent)}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  return runCli(root, argv, context);
}
