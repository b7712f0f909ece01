import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeMarkdown } from '../core/front-matter.ts';
import { loadRecords } from './records.ts';
import { renumberAdrs } from './renumber.ts';
import { snapshot, tempProject } from './test-helpers.ts';

let project: ReturnType<typeof tempProject>;
afterEach(() => project.cleanup());

async function write(root: string, name: string, data: Record<string, unknown>, body = '') {
  await fs.mkdir(path.join(root, 'adr'), { recursive: true });
  await fs.writeFile(path.join(root, 'adr', name), serializeMarkdown({ status: 'accepted', ...data }, `\n# ${String(data.title)}\n\n${body}\n`));
}

describe('kb adr renumber', () => {
  it('moves the later duplicate to the next free number and rewrites inbound references', async () => {
    project = tempProject();
    const { root } = project;
    await write(root, '0001-base.md', { adr: 1, title: 'Base', date: '2026-01-01', 'superseded-by': 3, status: 'superseded' });
    // Two branches both made ADR 2 and ADR 3.
    await write(root, '0002-main-branch.md', { adr: 2, title: 'Main branch', date: '2026-01-05' });
    await write(root, '0002-feature-branch.md', { adr: 2, title: 'Feature branch', date: '2026-01-07', links: [{ type: 'relates-to', target: 3 }] });
    await write(root, '0003-feature-follow-up.md', { adr: 3, title: 'Feature follow-up', date: '2026-01-08', links: [{ type: 'amends', target: 2 }] }, 'Amends [the feature decision](0002-feature-branch.md).');
    await write(root, '0003-main-successor.md', { adr: 3, title: 'Main successor', date: '2026-01-06', supersedes: [1] });
    const dry = await renumberAdrs(root, { dryRun: true });
    expect(dry.moves.map((m) => [m.from, m.to])).toEqual([
      ['adr/0002-feature-branch.md', 'adr/0004-feature-branch.md'],
      ['adr/0003-feature-follow-up.md', 'adr/0005-feature-follow-up.md'],
    ]);
    const before = await snapshot(root);
    expect(Object.keys(before)).toHaveLength(5);
    await renumberAdrs(root);
    const { records } = await loadRecords(root);
    const by = new Map(records.map((r) => [r.number, r]));
    expect([...by.keys()]).toEqual([1, 2, 3, 4, 5]);
    expect(by.get(1)!.frontMatter['superseded-by']).toBe(3);
    expect(by.get(3)!.frontMatter.supersedes).toEqual([1]);
    expect(by.get(4)!.frontMatter).toMatchObject({ adr: 4, title: 'Feature branch', links: [{ type: 'relates-to', target: 5 }] });
    expect(by.get(5)!.frontMatter).toMatchObject({ adr: 5, links: [{ type: 'amends', target: 4 }] });
    expect(by.get(5)!.body).toContain('](0004-feature-branch.md)');
    expect((await renumberAdrs(root)).moves).toEqual([]);
  });
});
