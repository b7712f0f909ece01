import { escapeInline } from '../core/markdown-escape.ts';
import { describeRule } from './detect.ts';
import type { IngestedRun } from './ingest.ts';
import { linkCell } from './markdown.ts';
import { reportUrl, runReportSlug } from './paths.ts';
import { findingsTable } from './render-detection.ts';

/**
 * `kb ingest --summary`: GitHub-flavoured Markdown for a pull-request comment
 * or `$GITHUB_STEP_SUMMARY` — per gated metric: value, baseline, change, noise
 * band, verdict; the rule; a link to the run's page. Every piece of tool or
 * user text is escaped (table cells, headings), so a hostile operation name
 * cannot break the table or inject markup.
 */

export interface SummaryOptions {
  /** Absolute site URL (`https://kb.example.org/`); pages are linked relative to it. Without it, links are site-relative. */
  siteUrl?: string;
}

/** `https://host/base/` + `/reports/x` → `https://host/base/reports/x`. */
export function pageUrl(siteUrl: string | undefined, route: string): string {
  if (!siteUrl) return route;
  return `${siteUrl.replace(/\/+$/, '')}${route}`;
}

function runSection(r: IngestedRun, options: SummaryOptions): string {
  const { run, detection } = r;
  const n = detection.regressions.length;
  const title = `${run.suite}${run.labels.label ? ` (${run.labels.label})` : ''}`;
  const status = n > 0 ? `❌ ${n} regression${n === 1 ? '' : 's'}` : '✅ no regression';
  const url = pageUrl(options.siteUrl, reportUrl(runReportSlug(run)));
  const pass = r.verdicts.filter((v) => v.verdict === 'pass').length;
  const fail = r.verdicts.filter((v) => v.verdict === 'fail').length;
  const lines = [
    `### ${escapeInline(title)}: ${status}`,
    '',
    `Run ${linkCell(run.id, url).raw} · ${escapeInline(run.tool.name)}${run.tool.version ? ` ${escapeInline(run.tool.version)}` : ''} · SLO ${pass} pass, ${fail} fail`,
    '',
    `Rule: ${escapeInline(describeRule(detection))}.`,
    '',
  ];
  lines.push(findingsTable(detection));
  return lines.join('\n');
}

/** The whole summary for the runs of one `kb ingest`. */
export function renderCiSummary(runs: readonly IngestedRun[], options: SummaryOptions = {}): string {
  const total = runs.reduce((n, r) => n + r.detection.regressions.length, 0);
  const head = `## Benchmark results: ${total > 0 ? `❌ ${total} regression${total === 1 ? '' : 's'}` : '✅ no regression'}`;
  return `${[head, ...runs.map((r) => runSection(r, options))].join('\n\n')}\n`;
}

/**
 * The site's public URL from the text of `docusaurus.config.ts` (`url` + `baseUrl`
 * string literals), or undefined when they are not plain literals there.
 */
export function siteUrlFromConfig(configText: string): string | undefined {
  const url = /(?:^|[\s{,])url:\s*['"]([^'"]+)['"]/m.exec(configText)?.[1];
  const base = /(?:^|[\s{,])baseUrl:\s*['"]([^'"]+)['"]/m.exec(configText)?.[1] ?? '/';
  if (!url || !/^https?:\/\//.test(url)) return undefined;
  return `${url.replace(/\/+$/, '')}/${base.replace(/^\/+/, '')}`;
}
