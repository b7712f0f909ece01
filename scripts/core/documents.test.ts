import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRunPageHtml } from '../report/run-page-format.ts';
import { listContentFiles, loadDocuments, loadRunPageDocuments } from './documents.ts';

describe('run pages among the documents', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-documents-'));
    await fs.mkdir(path.join(root, 'reports/runs'), { recursive: true });
    await fs.writeFile(path.join(root, 'reports/2026-11-02-week-1-report.md'), '---\ntitle: Week 1\n---\n\nText\n');
    const frontMatter = {
      title: 'api — 1 Nov 2026',
      description: 'k6 run of suite api.',
      kind: 'benchmark-report',
      date: '2026-11-01',
      suite: 'api',
      run: 'api-20261101t000000',
      tags: ['benchmark'],
    };
    await fs.writeFile(
      path.join(root, 'reports/runs/api-20261101t000000.html'),
      formatRunPageHtml(
        { url: '/reports/runs/api-20261101t000000', source: 'reports/runs/api-20261101t000000.md', frontMatter },
        '<h1>x</h1>',
      ),
    );
    await fs.writeFile(
      path.join(root, 'reports/runs/api-20261101t000000.md'),
      '---\ntitle: x\n---\n\n## Regressions\n',
    );
    await fs.writeFile(path.join(root, 'reports/runs/orphan.html'), '<p>not a run page</p>');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('loadDocuments and listContentFiles leave reports/runs/ out (one file per stored run)', async () => {
    expect((await loadDocuments(root)).documents.map((d) => d.path)).toEqual(['reports/2026-11-02-week-1-report.md']);
    expect(await listContentFiles(root)).toEqual(['reports/2026-11-02-week-1-report.md']);
  });

  it('loadRunPageDocuments reads them: front matter from the HTML metadata line, body from the Markdown', async () => {
    const { documents, problems } = await loadRunPageDocuments(root);
    expect(documents).toEqual([
      {
        path: 'reports/runs/api-20261101t000000.md',
        section: 'reports',
        frontMatter: expect.objectContaining({ kind: 'benchmark-report', run: 'api-20261101t000000' }),
        body: '\n## Regressions\n',
        frontMatterLines: 3,
      },
    ]);
    expect(problems).toEqual([
      { path: 'reports/runs/orphan.html', code: 'INVALID_INPUT', message: 'not a run page written by kb ingest' },
    ]);
  });
});
