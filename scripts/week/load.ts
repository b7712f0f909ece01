/**
 * The edge of the weekly facts: reads the documents, runs, SLO targets, the
 * plan start and (when the tree is a git checkout) the git history, then
 * calls the pure `weekFacts`. Shared by `kb week`, `kb mcp` and the dashboards.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { layout } from '../core/project.ts';
import { promisify } from 'node:util';
import { loadDocuments, type SourceDocument } from '../core/documents.ts';
import { loadSloTargets } from '../report/slo-targets.ts';
import { loadRuns } from '../report/store.ts';
import type { Run } from '../ingest/run-schema.ts';
import type { SloTarget } from '../report/slo-targets.ts';
import { planStartOf, planStartSource } from './calendar.ts';
import { parseGitLog, weekFacts, type GitChange, type WeekFacts } from './facts.ts';

const run = promisify(execFile);

/** `git log` of the content folders, or undefined when `root` is not in a git checkout (or git is missing). */
export async function readGitChanges(root: string): Promise<GitChange[] | undefined> {
  try {
    const { stdout } = await run(
      'git',
      [
        'log',
        '--no-renames',
        '--name-status',
        '--format=%x00%ad',
        '--date=short',
        '--',
        'docs',
        'adr',
        'runbooks',
        'reports',
      ],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    return parseGitLog(stdout);
  } catch {
    return undefined;
  }
}

export interface WeekSources {
  planStart: string;
  documents: SourceDocument[];
  runs: Run[];
  targets: SloTarget[];
  changes?: GitChange[];
}

export async function loadWeekSources(
  root: string,
  options: { planStart?: string; git?: boolean; documents?: SourceDocument[]; runs?: Run[] } = {},
): Promise<WeekSources> {
  const [{ documents }, runs, { config }, changes] = await Promise.all([
    // The caller's, when it has read them already (the dashboards plugin): not read twice.
    options.documents ? { documents: options.documents } : loadDocuments(root),
    options.runs ?? loadRuns(root),
    // A knowledge base without slo-targets.yaml has no scorecard yet, not a broken week.
    existsSync(path.join(root, layout.sloTargets))
      ? loadSloTargets(root)
      : Promise.resolve({ config: { targets: [] } }),
    options.git === false ? Promise.resolve(undefined) : readGitChanges(root),
  ]);
  const planPage = documents.find((d) => d.path === planStartSource);
  return {
    planStart: options.planStart ?? planStartOf(planPage?.frontMatter),
    documents,
    runs,
    targets: config.targets,
    ...(changes ? { changes } : {}),
  };
}

/** Facts of one week straight from the sources under `root`. */
export async function loadWeekFacts(
  root: string,
  week: number,
  now: Date,
  options: { planStart?: string; git?: boolean; planned?: readonly SourceDocument[] } = {},
): Promise<WeekFacts> {
  const sources = await loadWeekSources(root, options);
  // Documents about to be written count as they will be (a new draft is not "missing").
  const planned = (options.planned ?? []).filter((p) => !sources.documents.some((d) => d.path === p.path));
  return weekFacts({ ...sources, documents: [...sources.documents, ...planned], week, now });
}
