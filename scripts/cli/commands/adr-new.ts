import { createAdr } from '../../adr/run-new.ts';
import { common, defineKbCommand } from '../args.ts';
import { print } from '../output.ts';

// `kb adr new`, the hot command: its own module so cli/adr-new-main.ts can
// run it without the other sub-commands (see scripts/bin/load-main.mjs).
// createAdr is imported statically: one chunk less to load on every run, for
// a few kilobytes more in the other `kb adr` commands.

export default defineKbCommand({
  meta: { name: 'new', description: 'Create the next numbered ADR (adr/NNNN-slug.md, MADR 4, status proposed)' },
  args: {
    title: { type: 'positional', description: 'the decision, e.g. "Use Redis Cluster for L2 cache"' },
    supersedes: {
      type: 'string',
      value: 'adr-number',
      repeatable: 'comma',
      description: 'number of an accepted record this one replaces',
    },
    link: {
      type: 'string',
      value: 'adr-link',
      repeatable: 'comma',
      description: 'N:type link, type one of amends, relates-to, depends-on, clarifies',
    },
    status: { type: 'enum', options: ['proposed', 'accepted'], default: 'proposed', description: 'initial status' },
    tag: { type: 'string', repeatable: 'comma', description: 'tag (or comma-separated tags)' },
    'decision-maker': { type: 'string', repeatable: 'comma', description: 'who decides' },
    consulted: { type: 'string', repeatable: 'comma', description: 'whose opinion was sought' },
    informed: { type: 'string', repeatable: 'comma', description: 'who is kept up to date' },
    'dry-run': common.dryRun,
    force: { type: 'boolean', description: 'create it even if a record with the same title exists' },
    edit: { type: 'boolean', description: 'open the new record in $VISUAL / $EDITOR' },
    json: common.json,
  },
  async run({ args, env, today, root }) {
    let title = args.title;
    if ((title === undefined || title.trim() === '') && process.stdin.isTTY && !args.json) {
      const { text, isCancel } = await import('@clack/prompts');
      const answer = await text({ message: 'Decision title', placeholder: 'Use Redis Cluster for L2 cache' });
      title = isCancel(answer) ? '' : String(answer);
    }
    const result = await createAdr({
      root: root(),
      title: title ?? '',
      today: today(),
      status: args.status,
      supersedes: args.supersedes,
      links: args.link,
      tags: args.tag,
      decisionMakers: args['decision-maker'],
      consulted: args.consulted,
      informed: args.informed,
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
      const editor = env.VISUAL || env.EDITOR || 'vi';
      const { spawnSync } = await import('node:child_process');
      spawnSync(editor, [result.path], { stdio: 'inherit', shell: true, cwd: root() });
    }
  },
});
