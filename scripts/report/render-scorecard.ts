import { linkCell, signedPercent, table } from './markdown.ts';
import type { ScorecardEntry } from './scorecard.ts';
import { formatValue } from './units.ts';

const mark: Record<string, string> = { pass: '✓ pass', fail: '✗ fail', 'not measured': '– not measured' };

/** The SLO scorecard (`/docs/slos/scorecard`, built with the site): the latest verdict of every target, linked to the report that decided it. */
export function renderScorecard(entries: readonly ScorecardEntry[]): {
  frontMatter: Record<string, unknown>;
  body: string;
} {
  const count = (k: string) => entries.filter((e) => e.verdict === k).length;
  const fm = {
    title: 'SLO scorecard',
    kind: 'slo-definition',
    status: 'published',
    owner: 'kb-maintainers',
    // The date of the newest deciding run: regenerating without new runs keeps the page byte-identical.
    date: entries
      .map((e) => e.date)
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1),
    tags: ['slo', 'scorecard', 'generated'],
    description: `Latest verdict of every SLO target across all ingested runs: ${count('pass')} pass, ${count('fail')} fail, ${count('not measured')} not measured.`,
  };
  const rows = entries.map((e) => [
    e.title,
    e.target,
    `${e.comparison} ${formatValue(e.threshold, e.unit)}`,
    formatValue(e.value, e.unit),
    mark[e.verdict] ?? e.verdict,
    e.margin === undefined
      ? '—'
      : `${e.margin >= 0 ? '+' : ''}${formatValue(e.margin, e.unit)} (${signedPercent(e.marginRatio)})`,
    e.suite && e.report ? linkCell(`${e.suite}${e.example ? ' (example data)' : ''}`, e.report) : (e.note ?? '—'),
    e.date ?? '—',
  ]);
  const scorecard = table(['target', 'id', 'target value', 'latest', 'verdict', 'margin', 'decided by', 'date'], rows, [
    'l',
    'l',
    'r',
    'r',
    'l',
    'r',
    'l',
    'l',
  ]);
  const body = `${fm.description}

Generated when the site is built, from \`slo-targets.yaml\` and the runs in \`benchmarks/\`. The deciding run is the latest run that measures the target, from the first suite in the target's \`suites\` list that has one; **example data** (public fixtures that show the format, not Sophia's performance) never decides a target: one only examples measure is *not measured (examples only)*. *Not measured* means no ingested run reports that metric yet. Where each target comes from: \`slo-targets.yaml\` (the plan's [success metrics](/docs/plan/success-metrics)). Definitions: [SLO/SLA definitions](/docs/slos).

${scorecard}
`;
  return { frontMatter: fm, body };
}
