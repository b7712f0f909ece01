import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Root, Table } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKbError, type KbErrorCode } from '../core/errors.ts';
import { parseMarkdown } from '../core/front-matter.ts';
import { findPlaceholders, kinds, validateFrontMatter } from './catalog.ts';
import { parseFieldPair, planDocument, type PlanContext } from './plan.ts';
import { planWeek } from './week-plan.ts';
import { loadTemplates, renderTemplate, toolTemplatesDir } from './templates.ts';

const today = '2025-01-06';
const tricky = 'Cache `L2` {hot} <keys> | "quoted" \'s & $x';
const kindsWithTemplates = kinds.filter((k) => k.id !== 'adr');
let context: PlanContext;
let emptyRoot: string;

beforeAll(async () => {
  emptyRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-plan-'));
  context = {
    today,
    templates: await loadTemplates(
      emptyRoot,
      kindsWithTemplates.map((k) => k.template),
    ),
  };
});
afterAll(() => fs.rm(emptyRoot, { recursive: true, force: true }));

function codeOf(fn: () => unknown): KbErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (isKbError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('planDocument: every kind renders to its golden file', () => {
  for (const kind of kindsWithTemplates) {
    it(kind.id, async () => {
      const fields = Object.keys(kind.bodyFields ?? {}).map((k) => [k, `{${k}} <x> | y`] as const);
      const doc = planDocument({ kind: kind.id, title: tricky, week: 4, owner: 'team <ops> | {sre}', fields }, context);
      await expect(doc.content).toMatchFileSnapshot(`__golden__/${kind.id}.md`);

      // The front matter survives the round trip and is valid for its kind.
      const parsed = parseMarkdown(doc.content, doc.path);
      expect(parsed.data.title).toBe(tricky);
      expect(validateFrontMatter(kind.id, parsed.data, doc.path).issues).toEqual([]);
      // User text never reaches the body raw: no JSX braces, tags or cell breaks from it.
      expect(parsed.body).not.toMatch(/\{(hot|sre|service|load-multiple)\}|<keys>|<ops>|<x>/);
      // Every table row has as many cells as its header.
      let columns = 0;
      for (const line of parsed.body.split('\n')) {
        if (!line.startsWith('|')) {
          columns = 0;
          continue;
        }
        const cells = line.split('|').length;
        if (columns === 0) columns = cells;
        else expect(cells, line).toBe(columns);
      }
      expect(findPlaceholders(parsed.body).length).toBeGreaterThan(0);

      // As CommonMark + GFM (how the site reads .md): no HTML but the truncate
      // marker and the weekly facts markers, every table row as wide as its header, user text literal.
      const tree = unified().use(remarkParse).use(remarkGfm).parse(parsed.body) as Root;
      visit(tree, 'html', (node: { value: string }) =>
        expect(node.value).toMatch(
          /^<!-- (?:truncate|kb:facts:start|kb:facts:end) -->$|^<!-- kb:facts:start -->\n<!-- kb:facts:end -->$/,
        ),
      );
      visit(tree, 'table', (table: Table) => {
        for (const row of table.children) expect(row.children.length).toBe(table.children[0]!.children.length);
      });
      expect(mdastToString(tree)).toContain('team <ops> | {sre}');
    });
  }
});

describe('planDocument: paths and front matter', () => {
  it('names reports YYYY-MM-DD-slug.md and the rest slug.md', () => {
    expect(planDocument({ kind: 'scale-test-report', title: '10x scale test report' }, context).path).toBe(
      'reports/2025-01-06-10x-scale-test-report.md',
    );
    expect(planDocument({ kind: 'runbook', title: 'Deploy the API gateway' }, context).path).toBe(
      'runbooks/deploy-the-api-gateway.md',
    );
    expect(planDocument({ kind: 'guide', title: 'Ünïcode Guide' }, context).path).toBe('docs/guides/unicode-guide.md');
  });

  it('infers the week from a deliverable title and sets review-by on runbooks', () => {
    const doc = planDocument({ kind: 'runbook', title: 'Migration runbook' }, context);
    expect(doc.frontMatter).toMatchObject({
      week: 5,
      status: 'draft',
      owner: 'unassigned',
      date: today,
      'review-by': '2025-04-06',
      tags: ['runbook'],
    });
  });

  it('takes front-matter and body fields from --field pairs, the last one winning', () => {
    const doc = planDocument(
      {
        kind: 'slo-definition',
        title: 'API SLOs',
        fields: [
          ['tags', 'slo, api'],
          ['service', 'first'],
          ['service', 'api=gw, v2'],
          ['status', 'review'],
          ['date', '2025-02-01'],
        ],
      },
      context,
    );
    expect(doc.frontMatter).toMatchObject({ tags: ['slo', 'api'], status: 'review', date: '2025-02-01' });
    expect(doc.content).toContain('Service: **api=gw, v2**');
  });

  it('reports every failure mode with its code and writes nothing', () => {
    expect(codeOf(() => planDocument({ kind: 'memo', title: 'x' }, context))).toBe('UNKNOWN_KIND');
    expect(codeOf(() => planDocument({ kind: 'guide', title: '   ' }, context))).toBe('BAD_TITLE');
    expect(codeOf(() => planDocument({ kind: 'guide', title: '../../etc/passwd' }, context))).toBe('BAD_TITLE');
    expect(codeOf(() => planDocument({ kind: 'guide', title: '/etc/passwd' }, context))).toBe('BAD_TITLE');
    expect(codeOf(() => planDocument({ kind: 'guide', title: 'C:\\temp' }, context))).toBe('BAD_TITLE');
    expect(codeOf(() => planDocument({ kind: 'guide', title: '???' }, context))).toBe('BAD_TITLE');
    expect(codeOf(() => planDocument({ kind: 'guide', title: 'a\nb' }, context))).toBe('BAD_TITLE');
    expect(codeOf(() => planDocument({ kind: 'guide', title: 'x', fields: [['colour', 'red']] }, context))).toBe(
      'BAD_ARGUMENT',
    );
    expect(codeOf(() => planDocument({ kind: 'guide', title: 'x', fields: [['status', 'done']] }, context))).toBe(
      'BAD_ARGUMENT',
    );
    expect(codeOf(() => planDocument({ kind: 'guide', title: 'x', fields: [['date', '2025-02-30']] }, context))).toBe(
      'BAD_ARGUMENT',
    );
    expect(codeOf(() => planDocument({ kind: 'weekly-report', title: 'Some week' }, context))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => planDocument({ kind: 'adr', title: 'Use Redis' }, context))).toBe('USAGE');
    expect(codeOf(() => parseFieldPair('=x'))).toBe('BAD_ARGUMENT');
    expect(parseFieldPair('a=b=c')).toEqual(['a', 'b=c']);
  });
});

describe('templates', () => {
  it('a project template shadows the shipped one, and a missing value is an error naming the file', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-tpl-'));
    try {
      await fs.mkdir(path.join(root, 'templates', 'partials'), { recursive: true });
      await fs.writeFile(
        path.join(root, 'templates', 'guide.md.hbs'),
        'Custom {{title}} by {{owner}}\n{{> summary}}\n',
      );
      await fs.writeFile(path.join(root, 'templates', 'partials', 'summary.hbs'), 'own summary\n');
      await fs.writeFile(path.join(root, 'templates', 'runbook.md.hbs'), '{{nope}}\n');
      const set = await loadTemplates(root, ['guide.md.hbs', 'runbook.md.hbs', 'playbook.md.hbs']);
      expect(set.templates['playbook.md.hbs']!.file).toBe(path.join(toolTemplatesDir(), 'playbook.md.hbs'));
      const doc = planDocument({ kind: 'guide', title: 'A <b>', owner: 'me' }, { today, templates: set });
      expect(doc.content).toContain('Custom A &lt;b&gt; by me\nown summary');
      expect(codeOf(() => renderTemplate(set, 'runbook.md.hbs', {}))).toBe('INVALID_CONFIG');
      await expect(loadTemplates(root, ['missing.md.hbs'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

describe('planWeek', () => {
  it('plans the week, skips existing deliverables by slug or by front matter, lists ADRs', () => {
    const first = planWeek(1, [], context);
    expect(first.create.map((d) => d.path).sort()).toEqual([
      'docs/planning/risk-assessment.md',
      'docs/playbooks/scaling-playbook.md',
      'docs/training/team-training-plan.md',
      'reports/2025-01-06-performance-baseline-report.md',
      'reports/2025-01-06-week-1-report.md',
    ]);
    expect(first.listed).toHaveLength(1);
    const existing = [
      ...first.create.map((d) => ({ path: d.path, frontMatter: d.frontMatter })),
      { path: 'adr/0001-use-redis.md', frontMatter: {} },
    ];
    const again = planWeek(1, existing, { ...context, today: '2025-02-01' });
    expect(again.create).toEqual([]);
    expect(again.skipped).toHaveLength(5);
    expect(again.listed[0]!.paths).toEqual(['adr/0001-use-redis.md']);
    // A renamed file still counts when its front matter says what it is.
    const renamed = planWeek(
      9,
      [{ path: 'docs/playbooks/lt.md', frontMatter: { kind: 'playbook', week: 9, title: 'Load testing playbook' } }],
      context,
    );
    expect(renamed.skipped.map((s) => s.path)).toEqual(['docs/playbooks/lt.md']);
    // Alone of its kind that week, a page titled its own way still counts; among three guides it must match the title.
    const own = [
      { path: 'docs/slos/index.md', frontMatter: { kind: 'slo-definition', week: 4, title: 'SLOs of every service' } },
      { path: 'docs/guides/fe.md', frontMatter: { kind: 'guide', week: 7, title: 'How the frontend is built' } },
    ];
    expect(planWeek(4, own, context).skipped.map((s) => s.path)).toEqual(['docs/slos/index.md']);
    expect(planWeek(7, own, context).create.filter((d) => d.kind === 'guide')).toHaveLength(3);
    expect(codeOf(() => planWeek(13, [], context))).toBe('BAD_ARGUMENT');
  });

  it('carries deliverable fields (10x vs 100x scale tests)', () => {
    expect(planWeek(10, [], context).create.find((d) => d.kind === 'scale-test-report')!.content).toContain(
      'at **10x** production load',
    );
    expect(planWeek(11, [], context).create.find((d) => d.kind === 'scale-test-report')!.content).toContain(
      'at **100x** production load',
    );
  });
});
