import { adrStatuses, documentStatuses, getKind } from '../../catalog/catalog.ts';
import { loadDocuments } from '../../core/documents.ts';
import { common, defineKbCommand } from '../args.ts';
import { formatTable, printJson } from '../output.ts';

export default defineKbCommand({
  meta: { name: 'list', description: 'List catalog documents, optionally of one kind, status or week' },
  args: {
    kind: { type: 'positional', description: 'only this kind (see kb kinds)' },
    status: {
      type: 'enum',
      options: [...new Set([...documentStatuses, ...adrStatuses])],
      description: 'only this status (ADRs have their own)',
    },
    week: { type: 'string', value: 'week', description: 'only documents of this plan week (1–12)' },
    root: common.root,
    json: { type: 'boolean', description: 'print the documents as JSON' },
  },
  async run({ args, root: findRoot }) {
    const kind = args.kind ? getKind(args.kind).id : undefined;
    const { week, status } = args;
    const root = findRoot();
    const { documents, problems } = await loadDocuments(root);
    const rows = documents
      .map((d) => ({
        path: d.path,
        kind:
          typeof d.frontMatter.kind === 'string'
            ? d.frontMatter.kind
            : d.section === 'adr' && typeof d.frontMatter.adr === 'number'
              ? 'adr'
              : undefined,
        title: typeof d.frontMatter.title === 'string' ? d.frontMatter.title : '',
        status: typeof d.frontMatter.status === 'string' ? d.frontMatter.status : '',
        week: typeof d.frontMatter.week === 'number' ? d.frontMatter.week : undefined,
        owner: typeof d.frontMatter.owner === 'string' ? d.frontMatter.owner : '',
      }))
      .filter((d): d is typeof d & { kind: string } => d.kind !== undefined)
      .filter(
        (d) =>
          (!kind || d.kind === kind) && (!status || d.status === status) && (week === undefined || d.week === week),
      );
    if (args.json) return printJson({ documents: rows, problems });
    for (const p of problems)
      process.stderr.write(`kb: warning: ${p.message.startsWith(p.path) ? p.message : `${p.path}: ${p.message}`}\n`);
    if (rows.length === 0) {
      process.stdout.write('no documents match\n');
      return;
    }
    process.stdout.write(
      `${formatTable([['KIND', 'STATUS', 'WEEK', 'PATH', 'TITLE'], ...rows.map((r) => [r.kind, r.status || '—', r.week === undefined ? '—' : String(r.week), r.path, r.title])])}\n`,
    );
  },
});
