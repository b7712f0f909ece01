import { defineCommand } from 'citty';
import ingestCommand from './commands/ingest.ts';
import { type CliContext, runCli } from './run.ts';

/**
 * The entry for `kb ingest …` (without --help): runs the same command as
 * main.ts would, through the same runCli, from a bundle that holds ingest's
 * modules only (1.4 MB against the main bundle's 2.8 MB: no MCP server, no
 * checks, no scaffolding), so a CI job's ingest reads and deserializes half as
 * much before it starts (see scripts/bin/load-main.mjs).
 */
const root = defineCommand({ subCommands: { ingest: ingestCommand } });

export async function main(argv: string[], context: CliContext): Promise<number> {
  return runCli(root, argv, context);
}
