import { defineCommand } from 'citty';
import { adrStatuses } from '../../adr/model.ts';
import { common, defineKbCommand } from '../args.ts';
import { print } from '../output.ts';
import newCommand from './adr-new.ts';

// Up front: citty, the argument layer and `adr new` (with createAdr); every
// other sub-command imports its core module when it runs. `kb adr new`
// itself usually starts from cli/adr-new-main.ts and never loads this file.

const statusCommand = defineKbCommand({
  meta: {
    name: 'status',
    description: 'Move an ADR along its lifecycle: proposed → accepted|rejected, accepted → deprecated',
  },
  args: {
    number: { type: 'positional', required: true, value: 'adr-number', description: 'the ADR number' },
    status: {
      type: 'positional',
      required: true,
      options: adrStatuses,
      description: 'accepted, rejected or deprecated (superseded: kb adr supersede)',
    },
    'dry-run': common.dryRun,
    json: common.json,
  },
  async run({ args, root }) {
    const { setAdrStatus } = await import('../../adr/run-status.ts');
    const r = await setAdrStatus(root(), args.number, args.status, { dryRun: args['dry-run'] });
    const u = r.updated[0]!;
    print(
      args.json,
      r,
      `${args['dry-run'] ? 'Would move' : 'Moved'} ADR ${u.number} from ${u.from} to ${u.to} (${u.path})`,
    );
  },
});

const supersedeCommand = defineKbCommand({
  meta: {
    name: 'supersede',
    description: 'Mark OLD as superseded by NEW, editing both records in one all-or-nothing step',
  },
  args: {
    old: { type: 'positional', required: true, value: 'adr-number', description: 'the accepted record being replaced' },
    new: { type: 'positional', required: true, value: 'adr-number', description: 'the record that replaces it' },
    'dry-run': common.dryRun,
    json: common.json,
  },
  async run({ args, root }) {
    const { supersedeAdr } = await import('../../adr/run-status.ts');
    const r = await supersedeAdr(root(), args.old, args.new, { dryRun: args['dry-run'] });
    print(
      args.json,
      r,
      `${args['dry-run'] ? 'Would mark' : 'Marked'} ADR ${args.old} superseded by ADR ${args.new} (${r.updated.map((u) => u.path).join(', ')})`,
    );
  },
});

const listCommand = defineKbCommand({
  meta: { name: 'list', description: 'List ADRs with their status' },
  args: {
    status: { type: 'enum', options: adrStatuses, repeatable: 'comma', description: 'only these statuses' },
    json: common.json,
  },
  async run({ args, root }) {
    const { listAdrs } = await import('../../adr/list.ts');
    const { records, problems } = await listAdrs(root(), args.status);
    const width = Math.max(6, ...records.map((r) => r.status.length));
    const lines = records.map(
      (r) =>
        `${String(r.number).padStart(4, '0')}  ${r.status.padEnd(width)}  ${r.date}  ${r.title}${r['superseded-by'] ? ` (→ ${r['superseded-by']})` : ''}`,
    );
    print(
      args.json,
      { records, problems },
      [...lines, ...problems.map((p) => `problem: ${p}`)].join('\n') || 'No ADRs yet: kb adr new "Title"',
    );
  },
});

const renumberCommand = defineKbCommand({
  meta: {
    name: 'renumber',
    description:
      'Give duplicate ADR numbers (after a merge) the next free numbers and rewrite links to them across the knowledge base',
  },
  args: { 'dry-run': common.dryRun, json: common.json },
  async run({ args, root }) {
    const { renumberAdrs } = await import('../../adr/renumber.ts');
    const r = await renumberAdrs(root(), { dryRun: args['dry-run'] });
    const verb = args['dry-run'] ? 'would move' : 'moved';
    const lines = r.moves
      .map((m) => `${verb} ${m.from} → ${m.to}`)
      .concat(r.rewritten.map((f) => `${args['dry-run'] ? 'would rewrite' : 'rewrote'} links in ${f}`));
    print(args.json, r, lines.join('\n') || 'No duplicate numbers.');
  },
});

const importCommand = defineKbCommand({
  meta: { name: 'import', description: 'Import adr-tools (Nygard), MADR 2/3/4 or log4brains records from a folder' },
  args: {
    dir: { type: 'positional', required: true, description: 'folder with the records, e.g. doc/adr' },
    'dry-run': common.dryRun,
    json: common.json,
  },
  async run({ args, cwd, today, root }) {
    const path = await import('node:path');
    const { importAdrs } = await import('../../adr/import.ts');
    const r = await importAdrs(root(), path.resolve(cwd, args.dir), { today: today(), dryRun: args['dry-run'] });
    const lines = r.imported.map(
      (i) => `${args['dry-run'] ? 'would import' : 'imported'} ${i.from} (${i.format}) → ${i.path} [${i.status}]`,
    );
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
