import { promises as fs } from 'node:fs';
import path from 'node:path';
import { reviewedKinds } from '../catalog/catalog.ts';
import { loadRunsLight } from '../report/store.ts';
import { viewUrls } from '../report/view-urls.ts';
import { sortFindings, summarize, type CheckSummary, type Finding } from './findings.ts';
import { checkBuildRules, type BuildRuleOptions } from './build/index.ts';
import { checkDuplicateRoutes } from './build/routes.ts';
import { loadCheckInput, type CheckInput, type LoadOptions } from './load.ts';
import { checkAdrs } from './rules/adr.ts';
import { checkFrontMatter } from './rules/front-matter.ts';
import { checkLinks } from './rules/links.ts';
import { checkPlaceholders } from './rules/placeholders.ts';
import { checkReviewDates } from './rules/review-dates.ts';

// Shared with the site's dashboards: scripts/catalog/catalog.ts.
export { reviewedKinds };

export interface CheckOptions {
  now: Date;
  staticFiles?: ReadonlySet<string>;
  extraRoutes?: ReadonlySet<string>;
}

export interface CheckResult {
  findings: Finding[];
  summary: CheckSummary;
  /** Documents read and checked (files that could not be read are findings). */
  documents: number;
}

/** Runs every rule on documents already read; pure: no I/O, `now` passed in. */
export function checkDocuments(input: CheckInput, options: CheckOptions): CheckResult {
  const { documents } = input;
  const findings = sortFindings([
    ...input.findings,
    ...checkFrontMatter(documents),
    ...checkAdrs(documents),
    ...checkPlaceholders(documents),
    ...checkReviewDates(documents, { reviewedKinds, now: options.now }),
    ...checkLinks({
      documents,
      files: input.files,
      staticFiles: options.staticFiles,
      extraRoutes: options.extraRoutes,
    }),
    ...checkDuplicateRoutes(documents, options.extraRoutes),
  ]);
  return { findings, summary: summarize(findings), documents: documents.length };
}

/** Routes the site adds outside the content sections: search and the dashboards plugin. */
export const knownSiteRoutes = [
  '/',
  '/search',
  '/dashboards',
  '/dashboards/deliverables',
  '/dashboards/freshness',
  '/dashboards/decisions',
  '/dashboards/weeks',
  // Built from benchmarks/ by src/plugins/benchmark-views (scripts/report/views.ts), whatever runs are stored;
  // the per-suite and per-week views are listed by benchmarkViewRoutes.
  '/reports/benchmarks',
  '/docs/slos/scorecard',
];

/** The benchmark views' URLs (suite history, scale tests, weekly baselines); a broken run file is left to ingest. */
async function benchmarkViewRoutes(root: string): Promise<string[]> {
  try {
    return viewUrls(await loadRunsLight(root));
  } catch {
    return [];
  }
}

async function listStatic(root: string): Promise<Set<string>> {
  try {
    const entries = await fs.readdir(path.join(root, 'static'), { recursive: true, withFileTypes: true });
    return new Set(
      entries
        .filter((e) => e.isFile())
        .map((e) =>
          path.relative(path.join(root, 'static'), path.join(e.parentPath, e.name)).split(path.sep).join('/'),
        ),
    );
  } catch {
    return new Set();
  }
}

/** Routes of the site's own pages: `src/pages/a/b.tsx` → `/a/b`, `index` → its folder. */
async function listPageRoutes(root: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(path.join(root, 'src/pages'), { recursive: true, withFileTypes: true });
    return entries
      .filter(
        (e) =>
          e.isFile() &&
          /\.(?:tsx?|jsx?|mdx?)$/.test(e.name) &&
          !/\.(?:test|spec)\./.test(e.name) &&
          !e.name.startsWith('_'),
      )
      .map((e) => {
        const rel = path
          .relative(path.join(root, 'src/pages'), path.join(e.parentPath, e.name))
          .split(path.sep)
          .join('/');
        const route = `/${rel.replace(/\.[^.]+$/, '').replace(/(?:^|\/)index$/, '')}`;
        return route.length > 1 ? route.replace(/\/$/, '') : route;
      });
  } catch {
    return [];
  }
}

export interface RunCheckOptions extends LoadOptions, BuildRuleOptions {
  now: Date;
  /** Run the rules that use Docusaurus's and Mermaid's parsers (build/); default true. */
  buildRules?: boolean;
}

/** Reads the knowledge base at `root` and checks it. Never throws on a bad file. */
export async function runCheck(root: string, options: RunCheckOptions): Promise<CheckResult> {
  const [input, staticFiles, pages, views] = await Promise.all([
    loadCheckInput(root, options),
    listStatic(root),
    listPageRoutes(root),
    benchmarkViewRoutes(root),
  ]);
  const result = checkDocuments(input, {
    now: options.now,
    staticFiles,
    extraRoutes: new Set([...knownSiteRoutes, ...pages, ...views]),
  });
  if (options.buildRules === false) return result;
  const more = await checkBuildRules(root, input.documents, options);
  const findings = sortFindings([...result.findings, ...more]);
  return { findings, summary: summarize(findings), documents: result.documents };
}
