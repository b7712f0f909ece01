import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCheck } from './check.ts';
import { checkExitCode, formatFinding } from './findings.ts';
import { adrFm, docFm, makeKb, md, removeKb } from './test-support.ts';

let root = '';
afterEach(async () => {
  if (root) await removeKb(root);
  root = '';
});

describe('runCheck', () => {
  it('runs every rule over every section and sorts the findings', async () => {
    root = await makeKb({
      'docs/guides/g.md': md(docFm('guide', { status: 'published' }), '# G\n\nTODO: write it\n'),
      'runbooks/r.md': md(docFm('runbook', { 'review-by': '2024-12-01' })),
      'adr/0001-a.md': md(adrFm(1, { status: 'superseded' })),
      'reports/2025-01-03-week-1.md': md(docFm('weekly-report', { week: 1 }), '[x](#nope)\n'),
    });
    const result = await runCheck(root, { now: new Date('2025-01-10T00:00:00Z'), cacheDir: false });
    expect(result.findings.map((f) => `${f.path} ${f.rule}`)).toEqual([
      'adr/0001-a.md adr-status',
      'docs/guides/g.md placeholder',
      'reports/2025-01-03-week-1.md broken-anchor',
      'runbooks/r.md review-overdue',
    ]);
    expect(result.summary).toEqual({ errors: 3, warnings: 1 });
    expect(checkExitCode(result.summary, false)).toBe(1);
  });

  it('exit code: warnings pass unless strict', () => {
    expect(checkExitCode({ errors: 0, warnings: 2 }, false)).toBe(0);
    expect(checkExitCode({ errors: 0, warnings: 2 }, true)).toBe(1);
    expect(checkExitCode({ errors: 0, warnings: 0 }, true)).toBe(0);
  });
});

describe('kb check on the real repository', () => {
  it('finds no errors', async () => {
    const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const result = await runCheck(repo, { now: new Date(), cacheDir: false });
    const errors = result.findings.filter((f) => f.severity === 'error').map(formatFinding);
    expect(errors).toEqual([]);
    expect(result.documents).toBeGreaterThan(0);
  }, 60_000);
});

describe('site routes', () => {
  it('accepts links to src/pages pages, the dashboards and static files, and flags others', async () => {
    root = await makeKb({
      'src/pages/index.tsx': '',
      'src/pages/about/index.tsx': '',
      'src/pages/team.md': '',
      'static/img/logo.svg': '<svg/>',
      'docs/index.md': md(
        { title: 'Home' },
        '[a](/about) [t](/team) [d](/dashboards/freshness) [l](/img/logo.svg) [x](/img/none.svg) [r](/runbooks/none)\n',
      ),
    });
    const result = await runCheck(root, { now: new Date('2025-01-10T00:00:00Z'), cacheDir: false });
    expect(result.findings.map((f) => f.message)).toEqual([
      'link to /img/none.svg matches no file in static/',
      'link to /runbooks/none matches no page',
    ]);
  });
});
