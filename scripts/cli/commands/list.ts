import { defineCommand, type CommandDef } from 'citty';
import { documentStatuses, adrStatuses, getKind } from '../../catalog/catalog.ts';
import {
  assertKnownFlags,
  findProjectRoot,
  formatTable,
  parseWeek,
  printJson,
  workingDirectory,
} from '../../catalog/cli-support.ts';
import { loadDocuments } from '../../core/documents.ts';
import { KbError } from '../../core/errors.ts';

const argsDef = {
  kind: { type: 'positional', required: false, description: 'only this kind (see kb kinds)' },
  status: {
    type: 'string',
    description: `only this status (${documentStatuses.join(', ')}; ADRs: ${adrStatuses.join(', ')})`,
  },
  week: { type: 'string', description: 'only documents of this plan week (1–12)' },
  root: { type: 'string', description: 'knowledge base root (default: nearest folder with docusaurus.config.ts)' },
  json: { type: 'boolean', description: 'print the documents as JSON' },
} as const;

export default defineCommand({
  meta: { name: 'list', description: 'List catalog documents, optionally of one kind, status or week' },
  args: argsDef,
  async run({ args, rawArgs }) {
    assertKnownFlags(rawArgs, argsDef, 'list');
    const kind = args.kind ? getKind(String(args.kind)).id : undefined;
    const week = parseWeek(args.week);
    const status = args.status ? String(args.status) : undefined;
    if (status && !([...documentStatuses, ...adrStatuses] as string[]).includes(status)) {
      throw new KbError('BAD_ARGUMENT', `status "${status}" is not a status`, {
        field: '--status',
        hint: `use one of ${[...documentStatuses, ...adrStatuses].join(', ')}`,
      });
    }
    const root = findProjectRoot(workingDirectory(), args.root);
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
}) as CommandDef; // the registry holds commands of any args
