import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isKbError } from '../core/errors.ts';
import { createAdr } from './run-new.ts';
import { importAdrs } from './import.ts';
import { listAdrs } from './list.ts';
import { loadRecords } from './records.ts';
import { snapshot, tempProject } from './test-helpers.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
let project: ReturnType<typeof tempProject>;
afterEach(() => project.cleanup());
const today = '2026-01-15';
const summary = async (root: string) =>
  (await listAdrs(root)).records.map((r) => ({
    n: r.number,
    status: r.status,
    date: r.date,
    sup: r.supersedes,
    by: r['superseded-by'],
    links: r.links,
  }));

describe('kb adr import', () => {
  it('reads adr-tools records with their supersede and amend links', async () => {
    project = tempProject();
    await createAdr({ root: project.root, title: 'Existing', today });
    const r = await importAdrs(project.root, path.join(fixtures, 'nygard'), { today });
    expect(r.imported.map((i) => [i.number, i.format, i.status])).toEqual([
      [2, 'nygard', 'accepted'],
      [3, 'nygard', 'superseded'],
      [4, 'nygard', 'accepted'],
      [5, 'nygard', 'accepted'],
    ]);
    expect((await summary(project.root)).slice(1)).toEqual([
      { n: 2, status: 'accepted', date: '2024-03-04', sup: [], by: undefined, links: [] },
      { n: 3, status: 'superseded', date: '2024-03-11', sup: [], by: 4, links: [{ type: 'amended-by', target: 5 }] },
      { n: 4, status: 'accepted', date: '2024-06-20', sup: [3], by: undefined, links: [] },
      { n: 5, status: 'accepted', date: '2024-07-02', sup: [], by: undefined, links: [{ type: 'amends', target: 3 }] },
    ]);
    const text = await fs.readFile(path.join(project.root, 'adr/0003-use-postgresql-for-orders.md'), 'utf8');
    expect(text).toContain('* Superseded by [3. Use Snowflake for analytics](0004-use-snowflake-for-analytics.md)');
    expect(text).not.toMatch(/^Date:/m);
    expect(text).toContain('## Context');
  });

  it('reads MADR 2, 3 and 4 and log4brains records', async () => {
    project = tempProject();
    const madr2 = await importAdrs(project.root, path.join(fixtures, 'madr2'), { today });
    expect(madr2.imported.map((i) => [i.format, i.status])).toEqual([
      ['madr2', 'accepted'],
      ['madr2', 'superseded'],
      ['madr2', 'accepted'],
    ]);
    const madr3 = await importAdrs(project.root, path.join(fixtures, 'madr3'), { today });
    expect(madr3.imported.map((i) => [i.number, i.format, i.status])).toEqual([
      [4, 'madr3', 'accepted'],
      [5, 'madr3', 'proposed'],
    ]);
    const madr4 = await importAdrs(project.root, path.join(fixtures, 'madr4'), { today });
    expect(madr4.imported.map((i) => i.format)).toEqual(['madr4', 'madr4']);
    const l4b = await importAdrs(project.root, path.join(fixtures, 'log4brains'), { today });
    expect(l4b.skipped).toEqual(['README.md', 'template.md']);
    expect(l4b.imported.map((i) => [i.number, i.format, i.status])).toEqual([
      [8, 'log4brains', 'accepted'],
      [9, 'log4brains', 'superseded'],
      [10, 'log4brains', 'accepted'],
    ]);
    const { records, problems } = await loadRecords(project.root);
    expect(problems).toEqual([]);
    const by = new Map(records.map((r) => [r.number, r.frontMatter]));
    expect(by.get(2)).toMatchObject({ 'superseded-by': 3, 'decision-makers': ['Platform team'] });
    expect(by.get(3)).toMatchObject({ supersedes: [2] });
    expect(by.get(4)).toMatchObject({
      'decision-makers': ['Anna Schmidt', 'Li Wei'],
      consulted: ['SRE on-call'],
      informed: ['Frontend team'],
    });
    expect(by.get(6)).toMatchObject({
      title: 'Adopt k6 for load tests',
      'decision-makers': ['Priya Natarajan', 'Tom Becker'],
      date: '2025-02-10',
    });
    expect(by.get(9)).toMatchObject({ tags: ['frontend'], 'superseded-by': 10, date: '2020-10-02' });
    expect(by.get(10)).toMatchObject({ supersedes: [9], tags: ['frontend', 'performance'] });
    const remix = records.find((r) => r.number === 10)!;
    expect(remix.body).toContain('](0009-use-next-js-for-the-customer-portal.md)');
  });

  it('dry run writes nothing; a folder without records is UNKNOWN_FORMAT', async () => {
    project = tempProject();
    const r = await importAdrs(project.root, path.join(fixtures, 'nygard'), { today, dryRun: true });
    expect(r.imported).toHaveLength(4);
    expect(await snapshot(project.root)).toEqual({});
    await fs.mkdir(path.join(project.root, 'empty'));
    await importAdrs(project.root, path.join(project.root, 'empty'), { today }).catch((e) =>
      expect(isKbError(e) && e.code).toBe('UNKNOWN_FORMAT'),
    );
    await importAdrs(project.root, path.join(project.root, 'missing'), { today }).catch((e) =>
      expect(isKbError(e) && e.code).toBe('NOT_FOUND'),
    );
  });
});
