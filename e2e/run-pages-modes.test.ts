// The run pages' switch-off and their bad input, each in a build of its own
// (current versions only, to keep it short): KB_RUN_PAGES=routes builds every
// run page as an ordinary route with the same article; a file in
// reports/runs/ that kb ingest did not write fails the build with one line.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunPageHtml } from '../scripts/report/run-page-format.ts';
import { PROJECT_ROOT } from './support/build-site.ts';
import { buildWithFiles, type FaultBuild } from './support/fault-build.ts';

const builds: FaultBuild[] = [];
afterAll(async () => {
  await Promise.all(builds.map((b) => b.dispose()));
});

describe('run pages: the switch-off and bad input', () => {
  it('KB_RUN_PAGES=routes: every run page is an ordinary route, with the article kb ingest wrote', async () => {
    const build = await buildWithFiles({}, { KB_CURRENT_ONLY: '1', KB_RUN_PAGES: 'routes' });
    builds.push(build);
    expect(build.code, build.log.slice(-2000)).toBe(0);
    expect(build.log).not.toContain('run pages written into the site');
    const out = path.join(path.dirname(build.siteDir), 'out', 'reports/runs');
    const stored = (await readdir(path.join(PROJECT_ROOT, 'reports/runs'))).filter((f) => f.endsWith('.html'));
    const built = (await readdir(out)).filter((f) => f.endsWith('.html'));
    expect(built.sort()).toEqual(stored.sort());
    const file = stored.find((f) => !f.startsWith('example-')) ?? stored[0]!;
    const page = await readFile(path.join(out, file), 'utf8');
    const { meta } = parseRunPageHtml(await readFile(path.join(PROJECT_ROOT, 'reports/runs', file), 'utf8'))!;
    // The minifier drops the quotes of an attribute value without spaces.
    expect(page).toMatch(new RegExp(`data-run="?${meta.frontMatter.run}[" >]`));
    expect(page).toMatch(/<title[^>]*>[^<]+ \| Sophia KB<\/title>/);
    expect(page).toContain('Regressions');
  });

  it('a file in reports/runs/ that kb ingest did not write fails the build with one line naming it', async () => {
    const build = await buildWithFiles(
      { 'reports/runs/notes.html': '<p>hand-written notes</p>\n' },
      { KB_CURRENT_ONLY: '1' },
    );
    builds.push(build);
    expect(build.code).not.toBe(0);
    expect(build.log).toMatch(
      /\[benchmark-views\] reports\/runs\/notes\.html: not a run page written by kb ingest .* — run `kb ingest --regenerate`, or move the file out of reports\/runs\//,
    );
  });
});
