import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKbError, type KbError } from '../core/errors.ts';
import { parseMarkdown } from '../core/front-matter.ts';
import { createAdr } from './run-new.ts';
import { listAdrs } from './list.ts';
import { setAdrStatus, supersedeAdr } from './run-status.ts';
import { snapshot, tempProject } from './test-helpers.ts';

let project: ReturnType<typeof tempProject>;
afterEach(async () => {
  vi.restoreAllMocks();
  await project.cleanup();
});
const today = '2026-01-15';

async function codeOf(p: Promise<unknown>): Promise<KbError['code']> {
  try {
    await p;
  } catch (error) {
    if (isKbError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a KbError');
}
const fm = async (root: string, rel: string) => parseMarkdown(await fs.readFile(path.join(root, rel), 'utf8')).data;

describe('createAdr', () => {
  it('numbers records, writes MADR 4 front matter and sections, escapes the title', async () => {
    project = tempProject();
    const a = await createAdr({
      root: project.root,
      title: 'Use {Redis} <Cluster> | L2 `cache`',
      today,
      tags: ['cache'],
    });
    const b = await createAdr({ root: project.root, title: 'Second', today });
    expect([a.number, b.number]).toEqual([1, 2]);
    expect(a.path).toBe('adr/0001-use-redis-cluster-l2-cache.md');
    const data = await fm(project.root, a.path);
    expect(data).toMatchObject({
      adr: 1,
      title: 'Use {Redis} <Cluster> | L2 `cache`',
      status: 'proposed',
      date: today,
      tags: ['cache'],
    });
    for (const h of [
      'Context and Problem Statement',
      'Decision Drivers',
      'Considered Options',
      'Decision Outcome',
      'Consequences',
      'Confirmation',
      'Pros and Cons of the Options',
      'More Information',
    ]) {
      expect(a.content).toContain(
        `## ${h}`.replace('## Consequences', '### Consequences').replace('## Confirmation', '### Confirmation'),
      );
    }
    expect(a.content).toContain('# Use &#123;Redis&#125; &lt;Cluster&gt; &#124; L2 &#96;cache&#96;');
  });

  it('dry run writes nothing', async () => {
    project = tempProject();
    const r = await createAdr({ root: project.root, title: 'Plan only', today, dryRun: true });
    expect(r.path).toBe('adr/0001-plan-only.md');
    expect(await snapshot(project.root)).toEqual({});
  });

  it('rejects bad titles and duplicates without writing', async () => {
    project = tempProject();
    await createAdr({ root: project.root, title: 'Keep', today });
    const before = await snapshot(project.root);
    expect(await codeOf(createAdr({ root: project.root, title: '   ', today }))).toBe('BAD_TITLE');
    expect(await codeOf(createAdr({ root: project.root, title: '../../etc/passwd', today }))).toBe('BAD_TITLE');
    expect(await codeOf(createAdr({ root: project.root, title: '%%%', today }))).toBe('BAD_TITLE');
    expect(await codeOf(createAdr({ root: project.root, title: 'Keep', today }))).toBe('EXISTS');
    expect(await codeOf(createAdr({ root: project.root, title: 'New', today, supersedes: [9] }))).toBe('NOT_FOUND');
    expect(await snapshot(project.root)).toEqual(before);
    expect((await createAdr({ root: project.root, title: 'Keep', today, force: true })).number).toBe(2);
  });

  it('supersedes at creation: both records change, only from accepted', async () => {
    project = tempProject();
    await createAdr({ root: project.root, title: 'Old', today });
    expect(await codeOf(createAdr({ root: project.root, title: 'New', today, supersedes: [1] }))).toBe(
      'ILLEGAL_TRANSITION',
    );
    await setAdrStatus(project.root, 1, 'accepted');
    const r = await createAdr({
      root: project.root,
      title: 'New',
      today,
      supersedes: [1],
      links: [{ type: 'amends', target: 1 }],
    });
    expect(r.updated.map((u) => u.number)).toEqual([1]);
    expect(await fm(project.root, 'adr/0001-old.md')).toMatchObject({
      status: 'superseded',
      'superseded-by': 2,
      links: [{ type: 'amended-by', target: 2 }],
    });
    expect(await fm(project.root, r.path)).toMatchObject({ supersedes: [1], links: [{ type: 'amends', target: 1 }] });
    expect(r.content).toContain('Supersedes [ADR 1: Old](0001-old.md)');
  });
});

describe('status and supersede', () => {
  it('enforces the lifecycle', async () => {
    project = tempProject();
    await createAdr({ root: project.root, title: 'A', today });
    expect(await codeOf(setAdrStatus(project.root, 1, 'deprecated'))).toBe('ILLEGAL_TRANSITION');
    expect(await codeOf(setAdrStatus(project.root, 1, 'superseded'))).toBe('USAGE');
    expect(await codeOf(setAdrStatus(project.root, 1, 'done'))).toBe('BAD_ARGUMENT');
    expect(await codeOf(setAdrStatus(project.root, 4, 'accepted'))).toBe('NOT_FOUND');
    await setAdrStatus(project.root, 1, 'rejected');
    const before = await snapshot(project.root);
    expect(await codeOf(setAdrStatus(project.root, 1, 'accepted'))).toBe('ILLEGAL_TRANSITION');
    expect(await snapshot(project.root)).toEqual(before);
    await createAdr({ root: project.root, title: 'B', today });
    await setAdrStatus(project.root, 2, 'accepted');
    await setAdrStatus(project.root, 2, 'deprecated');
    expect((await listAdrs(project.root, ['deprecated'])).records.map((r) => r.number)).toEqual([2]);
  });

  it('supersede edits both records, and neither when a write fails', async () => {
    project = tempProject();
    await createAdr({ root: project.root, title: 'Old', today });
    await createAdr({ root: project.root, title: 'New', today });
    await setAdrStatus(project.root, 1, 'accepted');
    const before = await snapshot(project.root);
    // The second rename of writeFilesAtomic fails: the first must be rolled back.
    const realRename = fs.rename;
    let calls = 0;
    vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      if (String(from).endsWith('.tmp') && ++calls === 2)
        throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
      return realRename(from, to);
    });
    expect(await codeOf(supersedeAdr(project.root, 1, 2))).toBe('WRITE_FAILED');
    expect(calls).toBe(2);
    vi.restoreAllMocks();
    expect(await snapshot(project.root)).toEqual(before);
    await supersedeAdr(project.root, 1, 2);
    expect(await fm(project.root, 'adr/0001-old.md')).toMatchObject({ status: 'superseded', 'superseded-by': 2 });
    expect(await fm(project.root, 'adr/0002-new.md')).toMatchObject({ supersedes: [1] });
    expect(await codeOf(supersedeAdr(project.root, 1, 2))).toBe('ILLEGAL_TRANSITION');
  });
});
