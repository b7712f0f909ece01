import { kinds, weeksOf } from '../../catalog/catalog.ts';
import { defineKbCommand } from '../args.ts';
import { formatTable, printJson } from '../output.ts';

const fileNames = { slug: 'slug.md', 'date-slug': 'YYYY-MM-DD-slug.md', 'number-slug': 'NNNN-slug.md' } as const;

export default defineKbCommand({
  meta: {
    name: 'kinds',
    description: 'List the document kinds of the catalog (folder, file name, template, plan weeks)',
  },
  args: { json: { type: 'boolean', description: 'print the catalog as JSON' } },
  run({ args }) {
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
});
