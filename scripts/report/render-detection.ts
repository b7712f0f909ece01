import { escapeInline } from '../core/markdown-escape.ts';
import type { Detection, Finding } from './detect.ts';
import { cellNumber, cellPercent, signedPercent, table } from './markdown.ts';
import { metricLabel } from './metrics.ts';

/** A finding's value in its unit, for tables and sentences. */
function value(f: Finding, x: number): string {
  return f.unit === 'ratio' ? cellPercent(x) : `${cellNumber(x)} ${f.unit}`;
}

export function verdictOf(f: Finding, d: Detection): string {
  if (f.regression) return '❌ regression';
  if (f.delta === 0) return 'same';
  if (!f.worse) return 'better';
  if (d.accepted) return 'worse (accepted as the new baseline, not gating)';
  if (d.busy) return 'worse (machine busy, not judged)';
  if (d.warmingUp) return 'worse (warming up, not gating)';
  if (f.outside) return `⚠ outside the band: ${f.streak} of ${d.settings.confirm} consecutive runs needed`;
  return f.band ? 'worse, within noise' : 'worse, under threshold';
}

/** Why a metric was flagged: value, baseline, change, noise band, rule and window. */
export function explainFinding(f: Finding, d: Detection): string {
  const base =
    f.against !== undefined
      ? `baseline ${value(f, f.baseline)} (run ${f.against})`
      : `baseline ${value(f, f.baseline)} (median of ${f.n} runs)`;
  const band = f.band ? `, noise band ${value(f, f.band.low)} – ${value(f, f.band.high)}` : '';
  const score = f.score !== undefined ? `, modified z ${f.score.toFixed(1)}` : '';
  return `value ${value(f, f.current)}, ${base}, change ${signedPercent(f.relative)}${band}${score}; rule ${d.rule}${d.rule === 'mad' ? `, window ${d.window.length}/${d.settings.window}` : ''}`;
}

/** Every gated metric against its baseline (regressions first): the page's and the CI summary's table. */
export function findingsTable(d: Detection): string {
  const rows = [...d.findings].sort((a, b) => Number(b.regression) - Number(a.regression));
  if (rows.length === 0) return 'No gated metric could be compared yet (no earlier comparable run).';
  return table(
    ['operation', 'metric', 'value', 'baseline', 'change', 'noise band', 'verdict'],
    rows.map((f) => [
      f.operation,
      metricLabel(f.metric),
      value(f, f.current),
      f.against ? value(f, f.baseline) : `${value(f, f.baseline)} (median of ${f.n})`,
      signedPercent(f.relative),
      f.band ? `${value(f, f.band.low)} – ${value(f, f.band.high)}` : '—',
      verdictOf(f, d),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'l', 'l'],
  );
}

/** The run page's "Regressions" section body. */
export function regressionSection(d: Detection, describe: (d: Detection) => string): string {
  const flagged = d.regressions.length
    ? d.regressions
        .map((f) => `- ⚠ ${escapeInline(f.operation)} ${metricLabel(f.metric)}: ${escapeInline(explainFinding(f, d))}`)
        .join('\n')
    : d.findings.some((f) => f.outside)
      ? `None flagged yet: ${d.findings.filter((f) => f.outside).length} gated metric(s) outside the noise band; flagged once ${d.settings.confirm} consecutive runs are.`
      : 'None flagged: no gated metric got worse by more than the noise band.';
  return `${flagged}\n\nRule: ${escapeInline(describe(d))}.\n\n${findingsTable(d)}`;
}
