import { defineCommand, type ArgsDef } from 'citty';
import { KbError } from '../../core/errors.ts';
import { findProjectRoot, workingDirectory } from '../../core/project.ts';

// Only citty and KbError load up front: each sub-command imports its core
// module when it runs, so `kb adr new` never pays for import or renumber.

const root = () => findProjectRoot(workingDirectory());
const today = () => process.env.KB_TODAY ?? new Date().toISOString().slice(0, 10);
const json = { type: 'boolean', description: 'print the result as JSON' } as const;
const dryRun = { type: 'boolean', description: 'show what would change, write nothing' } as const;

/** Every value of a repeatable flag (`--tag a --tag b`, `--tag=a`); citty keeps only the last. */
export function repeated(rawArgs: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i]!;
    if (a === `--${name}` && i + 1 < rawArgs.length) out.push(rawArgs[++i]!);
    else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
  }
  return out.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function parseNumber(value: unknown, what: string): number {
  const text = String(value ?? '').replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(text) || Number(text) === 0) {
    throw new KbError('BAD_ARGUMENT', `${what} "${String(value ?? '')}" is not an ADR number`, { hint: 'give the number, e.g. 7 or 0007' });
  }
  return Number(text);
}

function print(asJson: boolean | undefined, value: unknown, human: string): void {
  process.stdout.write(asJson ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}

const newArgs = {
  title: { type: 'positional', required: false, description: 'the decision, e.g. "Use Redis Cluster for L2 cache"' },
  supersedes: { type: 'string', description: 'number of an accepted record this one replaces (repeatable)' },
  link: { type: 'string', description: 'N:type link, type one of amends, relates-to, depends-on, clarifies (repeatable)' },
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
        throw new KbError('BAD_ARGUMENT', `--link "${spec}" is not N:type`, { hint: `write e.g. --link 3:amends; types: ${types.join(', ')}` });
      }
      return { target: Number(m[1]), type: m[2] as 'amends' };
    });
    const { createAdr } = await import('../../adr/create.ts');
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
    print(args.json, result, args['dry-run'] ? `${result.content}\n(dry run: would create ${result.path}${also})` : `Created ${result.path} (ADR ${result.number}, ${args.status})${also}`);
    if (args.edit && !args['dry-run']) {
      const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
      const { spawnSync } = await import('node:child_process');
      spawnSync(editor, [result.path], { stdio: 'inherit', shell: true, cwd: root() });
    }
  },
});

const statusCommand = defineCommand({
  meta: { name: 'status', description: 'Move an ADR along its lifecycle: proposed → accepted|rejected, accepted → deprecated' },
  args: {
    number: { type: 'positional', description: 'the ADR number' },
    status: { type: 'positional', description: 'accepted, rejected or deprecated' },
    'dry-run': dryRun,
    json,
  },
  async run({ args }) {
    const { setAdrStatus } = await import('../../adr/status.ts');
    const r = await setAdrStatus(root(), parseNumber(args.number, 'ADR'), String(args.status), { dryRun: args['dry-run'] });
    const u = r.updated[0]!;
    print(args.json, r, `${args['dry-run'] ? 'Would move' : 'Moved'} ADR ${u.number} from ${u.from} to ${u.to} (${u.path})`);
  },
});

const supersedeCommand = defineCommand({
  meta: { name: 'supersede', description: 'Mark OLD as superseded by NEW, editing both records in one all-or-nothing step' },
  args: {
    old: { type: 'positional', description: 'the accepted record being replaced' },
    new: { type: 'positional', description: 'the record that replaces it' },
    'dry-run': dryRun,
    json,
  },
  async run({ args }) {
    const { supersedeAdr } = await import('../../adr/status.ts');
    const r = await supersedeAdr(root(), parseNumber(args.old, 'OLD'), parseNumber(args.new, 'NEW'), { dryRun: args['dry-run'] });
    print(args.json, r, `${args['dry-run'] ? 'Would mark' : 'Marked'} ADR ${args.old} superseded by ADR ${args.new} (${r.updated.map((u) => u.path).join(', ')})`);
  },
});

const listCommand = defineCommand({
  meta: { name: 'list', description: 'List ADRs with their status' },
  args: { status: { type: 'string', description: 'only these statuses (repeatable or comma-separated)' }, json },
  async run({ args, rawArgs }) {
    const { listAdrs } = await import('../../adr/list.ts');
    const { records, problems } = await listAdrs(root(), repeated(rawArgs, 'status'));
    const width = Math.max(6, ...records.map((r) => r.status.length));
    const lines = records.map((r) => `${String(r.number).padStart(4, '0')}  ${r.status.padEnd(width)}  ${r.date}  ${r.title}${r['superseded-by'] ? ` (→ ${r['superseded-by']})` : ''}`);
    print(args.json, { records, problems }, [...lines, ...problems.map((p) => `problem: ${p}`)].join('\n') || 'No ADRs yet: kb adr new "Title"');
  },
});

const renumberCommand = defineCommand({
  meta: { name: 'renumber', description: 'Give duplicate ADR numbers (after a merge) the next free numbers and rewrite inbound links' },
  args: { 'dry-run': dryRun, json },
  async run({ args }) {
    const { renumberAdrs } = await import('../../adr/renumber.ts');
    const r = await renumberAdrs(root(), { dryRun: args['dry-run'] });
    const verb = args['dry-run'] ? 'would move' : 'moved';
    const lines = r.moves.map((m) => `${verb} ${m.from} → ${m.to}`).concat(r.rewritten.map((f) => `${args['dry-run'] ? 'would rewrite' : 'rewrote'} links in ${f}`));
    print(args.json, r, lines.join('\n') || 'No duplicate numbers.');
  },
});

const importCommand = defineCommand({
  meta: { name: 'import', description: 'Import adr-tools (Nygard), MADR 2/3/4 or log4brains records from a folder' },
  args: { dir: { type: 'positional', description: 'folder with the records, e.g. doc/adr' }, 'dry-run': dryRun, json },
  async run({ args }) {
    const path = await import('node:path');
    const { importAdrs } = await import('../../adr/import.ts');
    const r = await importAdrs(root(), path.resolve(workingDirectory(), String(args.dir)), { today: today(), dryRun: args['dry-run'] });
    const lines = r.imported.map((i) => `${args['dry-run'] ? 'would import' : 'imported'} ${i.from} (${i.format}) → ${i.path} [${i.status}]`);
    print(args.json, r, [...lines, ...(r.skipped.length ? [`skipped: ${r.skipped.join(', ')}`] : [])].join('\n'));
  },
});

export default defineCommand({
  meta: { name: 'adr', description: 'Architecture decision records: new, status, supersede, list, renumber, import' },
  subCommands: {
    new: newCommand,
    status: statusCommand,
    supersede: supersedeCommand,
    list: listCommand,
    renumber: renumberCommand,
    import: importCommand,
  },
});
