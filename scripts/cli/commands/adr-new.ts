import { defineCommand, type ArgsDef } from 'citty';
import { createAdr } from '../../adr/create.ts';
import { KbError } from '../../core/errors.ts';
import { dryRun, json, parseNumber, print, repeated, root, today } from './adr-args.ts';

// `kb adr new`, the hot command: its own module so cli/adr-new-main.ts can
// run it without the other sub-commands (see scripts/bin/load-main.mjs).
// createAdr is imported statically: one chunk less to load on every run, for
// a few kilobytes more in the other `kb adr` commands.

const newArgs = {
  title: { type: 'positional', required: false, description: 'the decision, e.g. "Use Redis Cluster for L2 cache"' },
  supersedes: { type: 'string', description: 'number of an accepted record this one replaces (repeatable)' },
  link: {
    type: 'string',
    description: 'N:type link, type one of amends, relates-to, depends-on, clarifies (repeatable)',
  },
  status: { type: 'enum', options: ['proposed', 'accepted'], default: 'proposed', description: 'initial status' },
  tag: { type: 'string', description: 'tag (repeatable or comma-separated)' },
  'decision-maker': { type: 'string', description: 'who decides (repeatable)' },
  consulted: { type: 'string', description: 'whose opinion was sought (repeatable)' },
  informed: { type: 'string', description: 'who is kept up to date (repeatable)' },
  'dry-run': dryRun,
  force: { type: 'boolean', description: 'create it even if a record with the same title exists' },
  edit: { type: 'boolean', description: 'open the new record in $VISUAL / $EDITOR' },
  json,
} as const satisfies ArgsDef;

const newCommand = defineCommand({
  meta: { name: 'new', description: 'Create the next numbered ADR (adr/NNNN-slug.md, MADR 4, status proposed)' },
  args: newArgs,
  async run({ args, rawArgs }) {
    let title = args.title as string | undefined;
    if ((title === undefined || title.trim() === '') && process.stdin.isTTY && !args.json) {
      const { text, isCancel } = await import('@clack/prompts');
      const answer = await text({ message: 'Decision title', placeholder: 'Use Redis Cluster for L2 cache' });
      title = isCancel(answer) ? '' : String(answer);
    }
    const links = repeated(rawArgs, 'link').map((spec) => {
      const m = /^(\d+):([a-z-]+)$/.exec(spec);
      const types = ['amends', 'relates-to', 'depends-on', 'clarifies'];
      if (!m || !types.includes(m[2]!)) {
        throw new KbError('BAD_ARGUMENT', `--link "${spec}" is not N:type`, {
          hint: `write e.g. --link 3:amends; types: ${types.join(', ')}`,
        });
      }
      return { target: Number(m[1]), type: m[2] as 'amends' };
    });
    const result = await createAdr({
      root: root(),
      title: title ?? '',
      today: today(),
      status: args.status as 'proposed' | 'accepted',
      supersedes: repeated(rawArgs, 'supersedes').map((n) => parseNumber(n, '--supersedes')),
      links,
      tags: repeated(rawArgs, 'tag'),
      decisionMakers: repeated(rawArgs, 'decision-maker'),
      consulted: repeated(rawArgs, 'consulted'),
      informed: repeated(rawArgs, 'informed'),
      dryRun: args['dry-run'],
      force: args.force,
    });
    const also = result.updated.length > 0 ? `; updated ${result.updated.map((u) => u.path).join(', ')}` : '';
    print(
      args.json,
      result,
      args['dry-run']
        ? `${result.content}\n(dry run: would create ${result.path}${also})`
        : `Created ${result.path} (ADR ${result.number}, ${args.status})${also}`,
    );
    if (args.edit && !args['dry-run']) {
      const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
      const { spawnSync } = await import('node:child_process');
      spawnSync(editor, [result.path], { stdio: 'inherit', shell: true, cwd: root() });
    }
  },
});

export default newCommand;
