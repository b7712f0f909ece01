import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKbError } from '../core/errors.ts';
import { serializeMarkdown } from '../core/front-matter.ts';
import { loadRecords } from './records.ts';
import { renumberAdrs } from './renumber.ts';
import { snapshot, tempProject } from './test-helpers.ts';

let project: ReturnType<typeof tempProject>;
afterEach(() => {
  vi.restoreAllMocks();
  return project.cleanup();
});

async function write(root: string, name: string, data: Record<string, unknown>, body = '') {
  await fs.mkdir(path.join(root, 'adr'), { recursive: true });
  await fs.writeFile(
    path.join(root, 'adr', name),
    serializeMarkdown({ status: 'accepted', ...data }, `\n# ${String(data.title)}\n\n${body}\n`),
  );
}

describe('kb adr renumber', () => {
  it('moves the later duplicate to the next free number and rewrites inbound references', async () => {
    project = tempProject();
    const { root } = project;
    await write(root, '0001-base.md', {
      adr: 1,
      title: 'Base',
      date: '2026-01-01',
      'superseded-by': 3,
      status: 'superseded',
    });
    // Two branches both made ADR 2 and ADR 3.
    await write(root, '0002-main-branch.md', { adr: 2, title: 'Main branch', date: '2026-01-05' });
    await write(root, '0002-feature-branch.md', {
      adr: 2,
      title: 'Feature branch',
      date: '2026-01-07',
      links: [{ type: 'relates-to', target: 3 }],
    });
    await write(
      root,
      '0003-feature-follow-up.md',
      { adr: 3, title: 'Feature follow-up', date: '2026-01-08', links: [{ type: 'amends', target: 2 }] },
      'Amends [the feature decision](0002-feature-branch.md).',
    );
    await write(root, '0003-main-successor.md', {
      adr: 3,
      title: 'Main successor',
      date: '2026-01-06',
      supersedes: [1],
    });
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
    expect(by.get(4)!.frontMatter).toMatchObject({
      adr: 4,
      title: 'Feature branch',
      links: [{ type: 'relates-to', target: 5 }],
    });
    expect(by.get(5)!.frontMatter).toMatchObject({ adr: 5, links: [{ type: 'amends', target: 4 }] });
    expect(by.get(5)!.body).toContain('](0004-feature-branch.md)');
    expect((await renumberAdrs(root)).moves).toEqual([]);
  });
});

/** Every file under the project (docusaurus.config.ts aside) with its content. */
async function tree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of (await fs.readdir(root, { recursive: true })).sort()) {
    const abs = path.join(root, rel);
    if ((await fs.stat(abs)).isFile() && rel !== 'docusaurus.config.ts')
      out[rel.split(path.sep).join('/')] = await fs.readFile(abs, 'utf8');
  }
  return out;
}

async function page(root: string, rel: string, text: string) {
  await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await fs.writeFile(path.join(root, rel), text);
}

describe('kb adr renumber across the knowledge base', () => {
  async function mergedBranches(root: string) {
    await write(root, '0001-main-branch.md', { adr: 1, title: 'Main branch', date: '2026-01-05' });
    await write(
      root,
      '0001-feature-branch.md',
      { adr: 1, title: 'Feature branch', date: '2026-01-07' },
      'Self link: [here](./0001-feature-branch.md#context).',
    );
    await page(
      root,
      'docs/guides/caching.md',
      [
        '---',
        'title: Caching',
        '---',
        '',
        'See [the feature decision](../../adr/0001-feature-branch.md#decision-outcome) and [main](../../adr/0001-main-branch.md).',
        'Site link: [feature](/adr/0001-feature-branch), [with slash](/adr/0001-feature-branch/#x), [from the site root](@site/adr/0001-feature-branch.md).',
        '',
        '```md',
        'An example, not a link: [x](../../adr/0001-feature-branch.md)',
        '```',
        '',
        'Inline code stays too: `[x](../../adr/0001-feature-branch.md)`',
        '',
        '[ref]: <../../adr/0001-feature-branch.md> "Feature"',
        '',
      ].join('\n'),
    );
    await page(root, 'runbooks/deploy.mdx', '# Deploy\n\nFollow [ADR 1](../adr/0001-feature-branch.md).\n');
    await page(
      root,
      'reports/2026-01-08-weekly.md',
      '# Week\n\nDecided: [feature branch](/adr/0001-feature-branch.md).\n',
    );
    await page(
      root,
      'versioned_docs/version-1/guides/caching.md',
      '# Caching\n\n[feature](../../../adr/0001-feature-branch.md)\n',
    );
    await page(root, 'adr/index.mdx', '# Decisions\n\n[Feature](./0001-feature-branch.md)\n');
    await page(
      root,
      'docs/unrelated.md',
      '# Unrelated\n\n[main](../adr/0001-main-branch.md), [elsewhere](https://example.com/adr/0001-feature-branch.md)\n',
    );
  }

  it('rewrites links to the moved record in docs, runbooks, reports, versioned copies and adr/, and lists them on a dry run', async () => {
    project = tempProject();
    const { root } = project;
    await mergedBranches(root);
    const before = await tree(root);
    const dry = await renumberAdrs(root, { dryRun: true });
    expect(dry.moves.map((m) => [m.from, m.to])).toEqual([
      ['adr/0001-feature-branch.md', 'adr/0002-feature-branch.md'],
    ]);
    expect(dry.rewritten).toEqual([
      'adr/index.mdx',
      'docs/guides/caching.md',
      'reports/2026-01-08-weekly.md',
      'runbooks/deploy.mdx',
      'versioned_docs/version-1/guides/caching.md',
    ]);
    expect(await tree(root)).toEqual(before);

    const done = await renumberAdrs(root);
    expect(done.rewritten).toEqual(dry.rewritten);
    const after = await tree(root);
    expect(Object.keys(after).filter((f) => f.startsWith('adr/'))).toEqual([
      'adr/0001-main-branch.md',
      'adr/0002-feature-branch.md',
      'adr/index.mdx',
    ]);
    expect(after['docs/guides/caching.md']).toBe(
      before['docs/guides/caching.md']!.replace(
        '(../../adr/0001-feature-branch.md#decision-outcome)',
        '(../../adr/0002-feature-branch.md#decision-outcome)',
      )
        .replace('(/adr/0001-feature-branch)', '(/adr/0002-feature-branch)')
        .replace('(/adr/0001-feature-branch/#x)', '(/adr/0002-feature-branch/#x)')
        .replace('(@site/adr/0001-feature-branch.md)', '(@site/adr/0002-feature-branch.md)')
        .replace('[ref]: <../../adr/0001-feature-branch.md>', '[ref]: <../../adr/0002-feature-branch.md>'),
    );
    expect(after['docs/guides/caching.md']).toContain('An example, not a link: [x](../../adr/0001-feature-branch.md)');
    expect(after['docs/guides/caching.md']).toContain('`[x](../../adr/0001-feature-branch.md)`');
    expect(after['runbooks/deploy.mdx']).toContain('[ADR 1](../adr/0002-feature-branch.md)');
    expect(after['reports/2026-01-08-weekly.md']).toContain('(/adr/0002-feature-branch.md)');
    expect(after['versioned_docs/version-1/guides/caching.md']).toContain('(../../../adr/0002-feature-branch.md)');
    expect(after['adr/index.mdx']).toContain('(./0002-feature-branch.md)');
    expect(after['adr/0002-feature-branch.md']).toContain('[here](./0002-feature-branch.md#context)');
    expect(after['docs/unrelated.md']).toBe(before['docs/unrelated.md']);
  });

  it('changes nothing, not even the moved record, when one write fails', async () => {
    project = tempProject();
    const { root } = project;
    await mergedBranches(root);
    const before = await tree(root);
    const realRename = fs.rename;
    let calls = 0;
    vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      if (String(from).endsWith('.tmp') && ++calls === 4)
        throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
      return realRename(from, to);
    });
    const error = await renumberAdrs(root).catch((e: unknown) => e);
    expect(isKbError(error) && error.code).toBe('WRITE_FAILED');
    vi.restoreAllMocks();
    expect(await tree(root)).toEqual(before);
  });
});
