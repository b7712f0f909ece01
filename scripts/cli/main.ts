import { defineCommand, renderUsage, type CommandDef } from 'citty';
import { commands } from './commands.ts';
import { runCli, type CliContext } from './run.ts';

export type { CliContext } from './run.ts';

const root = defineCommand({
  meta: { name: 'kb', description: 'Sophia KB: scaffold, check, ingest and serve the knowledge base' },
  subCommands: commands,
});

/** Finds the command the argv names (for --help), walking sub-commands. */
async function resolveTarget(argv: string[]): Promise<{ cmd: CommandDef; parent?: CommandDef }> {
  let cmd: CommandDef = root;
  let parent: CommandDef | undefined;
  for (const word of argv) {
    if (word.startsWith('-')) break;
    const subs = typeof cmd.subCommands === 'function' ? await cmd.subCommands() : await cmd.subCommands;
    const next = subs?.[word];
    if (!next) break;
    parent = cmd;
    cmd = typeof next === 'function' ? await (next as () => Promise<CommandDef>)() : await next;
  }
  return { cmd, parent };
}

/** The CLI entry: returns the exit code; only bin/kb.mjs touches process.exit. */
export async function main(argv: string[], context: CliContext): Promise<number> {
  // Commands read the working directory from here (see core/project.ts).
  process.env.KB_CWD = context.cwd;
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    const { cmd, parent } = await resolveTarget(argv);
    process.stdout.write(`${await renderUsage(cmd, parent)}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  return runCli(root, argv, argv);
}
