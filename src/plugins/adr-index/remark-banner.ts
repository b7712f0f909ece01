/**
 * Remark plugin for the `adr` docs instance: a superseded or deprecated
 * record opens with a warning admonition pointing to its successor. It runs
 * before Docusaurus's own plugins, so the admonition is rendered like any
 * `:::warning` and the link to `NNNN-slug.md` is resolved (and checked) like
 * any Markdown link: static HTML, no client code.
 *
 * A successor is what the record itself names (`superseded-by`, or an
 * `amended-by` link) or a record that names it (`supersedes` it, or `amends`
 * it). A deprecated record with none says so, so a reader knows there is
 * nothing newer to look for rather than guessing the banner is incomplete.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { numberOfFile } from '../../../scripts/adr/numbering.ts';
import { parseMarkdown } from '../../../scripts/core/front-matter.ts';
import { successorsOf, type Successor, type SuccessorRecord } from './model.ts';

interface Node {
  type: string;
  children?: Node[];
  depth?: number;
  [key: string]: unknown;
}

/** What the banner needs to know about one record of the folder. */
export interface RecordSummary extends SuccessorRecord {
  /** File name, e.g. `0007-use-x.md`. */
  name: string;
  title: string;
  status?: string;
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : []);
const linksOf = (v: unknown): RecordSummary['links'] =>
  Array.isArray(v)
    ? v.flatMap((l) =>
        l && typeof l === 'object' && typeof l.type === 'string' && typeof l.target === 'number'
          ? [{ type: l.type, target: l.target }]
          : [],
      )
    : [];

/** Summary of one record's front matter; lenient, since `kb check` reports bad records, not the banner. */
export function summarize(name: string, data: Record<string, unknown>): RecordSummary | undefined {
  const number = numberOfFile(name);
  if (number === undefined) return undefined;
  return {
    number,
    name,
    title: typeof data.title === 'string' && data.title.trim() !== '' ? data.title : name,
    status: typeof data.status === 'string' ? data.status : undefined,
    supersedes: numbers(data.supersedes),
    supersededBy: typeof data['superseded-by'] === 'number' ? data['superseded-by'] : undefined,
    links: linksOf(data.links),
  };
}

/** Reads a folder's record summaries, re-reading only files whose size or mtime changed (the dev server rebuilds often). */
export function createRecordReader(): (dir: string) => RecordSummary[] {
  const cache = new Map<string, { stamp: string; summary: RecordSummary | undefined }>();
  return (dir) =>
    readdirSync(dir)
      .filter((name) => numberOfFile(name) !== undefined)
      .sort()
      .flatMap((name) => {
        const file = path.join(dir, name);
        try {
          const st = statSync(file);
          const stamp = `${st.size}:${st.mtimeMs}`;
          let hit = cache.get(file);
          if (hit?.stamp !== stamp) {
            hit = { stamp, summary: summarize(name, parseMarkdown(readFileSync(file, 'utf8'), file).data) };
            cache.set(file, hit);
          }
          return hit.summary ? [hit.summary] : [];
        } catch {
          return [];
        }
      });
}

const text = (value: string): Node => ({ type: 'text', value });
const strong = (value: string): Node => ({ type: 'strong', children: [text(value)] });
const linkTo = (r: RecordSummary): Node => ({
  type: 'link',
  url: `./${r.name}`,
  children: [text(`ADR ${r.number}: ${r.title}`)],
});
/** A successor that is not itself in force is named with its status, so the reader knows to follow on. */
const statusNote = (r: RecordSummary) => (r.status && r.status !== 'accepted' ? ` (${r.status})` : '');

/** "A (which supersedes it) and B (which amends it)" as Markdown nodes. */
function successorList(successors: readonly Successor<RecordSummary>[], withRelation: boolean): Node[] {
  return successors.flatMap((s, i) => {
    const after = `${statusNote(s.record)}${withRelation ? ` (which ${s.relation} it)` : ''}`;
    return [
      ...(i === 0 ? [] : [text(i === successors.length - 1 ? ' and ' : ', ')]),
      linkTo(s.record),
      ...(after ? [text(after)] : []),
    ];
  });
}

/**
 * The banner of a superseded or deprecated record: a pure function of its
 * front matter, its number and the folder's records (read only for these
 * two statuses).
 */
export function bannerFor(
  frontMatter: Record<string, unknown>,
  dir: string,
  number = typeof frontMatter.adr === 'number' ? frontMatter.adr : undefined,
  readRecords: (dir: string) => RecordSummary[] = createRecordReader(),
): Node | undefined {
  const status = frontMatter.status;
  if (status !== 'superseded' && status !== 'deprecated') return undefined;
  const declared = typeof frontMatter['superseded-by'] === 'number' ? frontMatter['superseded-by'] : undefined;
  const successors =
    number === undefined
      ? []
      : successorsOf(number, { supersededBy: declared, links: linksOf(frontMatter.links) }, readRecords(dir));
  let children: Node[];
  if (status === 'superseded') {
    const replacing = successors.filter((s) => s.relation === 'supersedes');
    children =
      replacing.length > 0
        ? [
            strong('Superseded.'),
            text(' This decision was replaced by '),
            ...successorList(replacing, false),
            text(`. Read ${replacing.length === 1 ? 'that record' : 'those records'} for the decision in force.`),
          ]
        : [
            strong('Superseded.'),
            text(` This decision was replaced${declared ? ` by ADR ${declared}` : ''}; see the decision index.`),
          ];
  } else {
    children =
      successors.length > 0
        ? [
            strong('Deprecated.'),
            text(' This decision no longer applies. It was followed by '),
            ...successorList(successors, true),
            text(`; read ${successors.length === 1 ? 'it' : 'them'} before relying on this one.`),
          ]
        : [
            strong('Deprecated — no successor recorded.'),
            text(
              ' This decision no longer applies and no record supersedes or amends it; check the decision index before relying on it.',
            ),
          ];
  }
  return {
    type: 'containerDirective',
    name: 'warning',
    attributes: {},
    children: [{ type: 'paragraph', children }],
  };
}

export default function remarkAdrBanner() {
  const readRecords = createRecordReader();
  return (tree: Node, file: { path?: string; data?: { frontMatter?: Record<string, unknown> } }) => {
    const number = file.path ? numberOfFile(path.basename(file.path)) : undefined;
    if (!file.path || !file.data?.frontMatter || number === undefined) return;
    const banner = bannerFor(file.data.frontMatter, path.dirname(file.path), number, readRecords);
    if (!banner || !tree.children) return;
    const h1 = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 1);
    tree.children.splice(h1 + 1, 0, banner);
  };
}
