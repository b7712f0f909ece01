// Chooses the pages bench:pages measures by scanning the build, since content
// (reports with charts, scale-test reports, ADRs) arrives while we work.
import { readFile } from 'node:fs/promises';
import { isVersionedCopy, readBuiltPages, type BuiltPage } from '../../e2e/support/site-pages.ts';

export interface PageTarget {
  kind: string;
  /** URL path, or undefined when the build has no such page yet. */
  url?: string;
  /** Why the page was chosen, or why none was. */
  note: string;
}

const isIndex = (page: BuiltPage, section: string) => page.url === `/${section}`;

async function articleHasSvg(page: BuiltPage): Promise<boolean> {
  const html = await readFile(page.file, 'utf8');
  const article = /<article[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
  return /<svg[\s>]/.test(article);
}

export async function pickPages(
  siteDir: string,
  cutVersions: readonly string[],
  synthetic: boolean,
): Promise<PageTarget[]> {
  const pages = (await readBuiltPages(siteDir)).filter((p) => !isVersionedCopy(p.url, cutVersions));
  const docIn = (section: string, pattern = /./) =>
    pages.find(
      (p) => p.type === 'doc' && p.url.startsWith(`/${section}/`) && !isIndex(p, section) && pattern.test(p.url),
    );
  const posts = pages.filter((p) => p.type === 'blog-post' && p.url.startsWith('/reports/'));
  const targets: PageTarget[] = [{ kind: 'home', url: '/', note: 'the home page' }];

  const adr = docIn('adr', /^\/adr\/\d{4}-/) ?? docIn('adr');
  targets.push(
    adr
      ? { kind: 'adr', url: adr.url, note: 'first ADR record' }
      : { kind: 'adr', note: 'no ADR record in the build yet' },
  );
  const runbook = docIn('runbooks');
  targets.push(
    runbook
      ? { kind: 'runbook', url: runbook.url, note: 'first runbook' }
      : { kind: 'runbook', note: 'no runbook page in the build' },
  );
  if (synthetic) {
    const guide = docIn('docs', /\/guides\//) ?? docIn('docs');
    targets.push(
      guide
        ? { kind: 'guide', url: guide.url, note: 'first handbook guide' }
        : { kind: 'guide', note: 'no handbook page' },
    );
  }

  let chart: BuiltPage | undefined;
  for (const post of posts) {
    if (await articleHasSvg(post)) {
      chart = post;
      break;
    }
  }
  const fallback = synthetic ? posts[0] : undefined;
  targets.push(
    chart
      ? { kind: 'report', url: chart.url, note: 'first report with an inline <svg> chart' }
      : fallback
        ? { kind: 'report', url: fallback.url, note: 'first report (synthetic reports carry no charts)' }
        : { kind: 'report', note: 'no report page with an inline <svg> chart in the build yet' },
  );
  // Scale tests are build-time benchmark views (src/plugins/benchmark-views), not blog posts.
  const scale = pages.find((p) => p.url.startsWith('/reports/') && /-scale-test$/.test(p.url));
  targets.push(
    scale
      ? { kind: 'scale-test', url: scale.url, note: 'first report whose URL or title says scale test' }
      : { kind: 'scale-test', note: 'no scale-test report in the build yet' },
  );
  targets.push({ kind: 'search', url: '/search?q=latency', note: 'search results page for "latency"' });
  return targets;
}
