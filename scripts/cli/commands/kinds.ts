import { defineCommand, type CommandDef } from 'citty';
import { kinds, weeksOf } from '../../catalog/catalog.ts';
import { assertKnownFlags, formatTable, printJson } from '../../catalog/cli-support.ts';

const fileNames = { slug: 'slug.md', 'date-slug': 'YYYY-MM-DD-slug.md', 'number-slug': 'NNNN-slug.md' } as const;

const argsDef = {
  json: { type: 'boolean', description: 'print the catalog as JSON' },
} as const;

export default defineCommand({
  meta: {
    name: 'kinds',
    description: 'List the document kinds of the catalog (folder, file name, template, plan weeks)',
  },
  args: argsDef,
  run({ args, rawArgs }) {
    assertKnownFlags(rawArgs, argsDef, 'kinds');
    const rows = kinds.map((k) => ({
      id: k.id,
      title: k.title,
      description: k.description,
      folder: k.folder,
      fileName: `${k.folder}/${fileNames[k.fileName]}`,
      template: k.template,
      weeks: weeksOf(k.id),
      deliverables: k.deliverables.map((d) => ({ week: d.week, title: d.title })),
      fields: Object.keys(k.bodyFields ?? {}),
    }));
    if (args.json) return printJson(rows);
    const table = formatTable([
      ['KIND', 'FILE', 'WEEKS', 'DESCRIPTION'],
      ...rows.map((r) => [r.id, r.fileName, r.weeks.length === 12 ? 'every' : r.weeks.join(',') || '—', r.description]),
    ]);
    process.stdout.write(`${table}\n\nCreate one: kb new <kind> "Title"   ·   a week's deliverables: kb week <N>\n`);
  },
}) as CommandDef; // the registry holds commands of any args
