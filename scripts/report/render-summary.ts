/**
 * The summary model (`summary.ts`) as MDX: a verdict strip (one chip per SLO
 * target), the headline figures against target and reference, regressions,
 * one chart. Plain Markdown inside scoped `<div className>` wrappers, so the
 * `.md` mirror keeps every word and the page needs no JavaScript. Styling:
 * `.kb-summary` / `.kb-verdicts` in `src/css/report.css`.
 */
import { escapeInline } from '../core/markdown-escape.ts';
import { metricLabel } from './metrics.ts';
import { cellPercent, mdxChart, signedPercent, table } from './markdown.ts';
import type { HeadlineFigure, ReportSummary, SummaryVerdict } from './page-summary.ts';
import { formatValue } from './units.ts';
import type { Verdict } from './verdict.ts';

const mark: Record<string, string> = { pass: '✓ pass', fail: '✗ fail', 'not measured': '– not measured' };
const chipClass: Record<string, string> = { pass: 'kb-v-pass', fail: 'kb-v-fail', 'not measured': 'kb-v-none' };

/**
 * Front matter every report page adds: no table of contents (the summary and the folds are the page's map,
 * and the column gets the width the TOC took).
 */
export const reportPageFrontMatter = { hide_table_of_contents: true } as const;

/** A stored value in its normalized unit, for display (ratios as percentages). */
export function displayValue(value: number | undefined, unit: string): string {
  return unit === 'ratio' ? cellPercent(value) : formatValue(value, unit);
}

/** `2.1 s, target < 1 s, margin −1.1 s (−111 %)`: the verdict's own numbers, in the target's unit. */
export function verdictText(v: Verdict): string {
  const target = `target ${v.comparison} ${formatValue(v.threshold, v.unit)}`;
  if (v.verdict === 'not measured') return `not measured${v.note ? ` (${v.note})` : ''}, ${target}`;
  const margin =
    v.margin === undefined
      ? ''
      : `, margin ${v.margin >= 0 ? '+' : ''}${formatValue(v.margin, v.unit)}${v.marginRatio === undefined ? '' : ` (${signedPercent(v.marginRatio)})`}`;
  return `${formatValue(v.value, v.unit)}, ${target}${margin}`;
}

const weight: Record<string, number> = { fail: 0, pass: 1, 'not measured': 2 };

/** Failures first, then passes, then what nothing measured; stable within each. */
export function byWeight(verdicts: readonly SummaryVerdict[]): SummaryVerdict[] {
  return [...verdicts].sort((a, b) => (weight[a.verdict.verdict] ?? 3) - (weight[b.verdict.verdict] ?? 3));
}

function chip(s: SummaryVerdict): string {
  const v = s.verdict;
  const scope = s.scope ? ` (${escapeInline(s.scope)})` : '';
  const note = s.note ? `; ${escapeInline(s.note)}` : '';
  return `- <span className="kb-v ${chipClass[v.verdict] ?? 'kb-v-none'}">${mark[v.verdict] ?? v.verdict}</span> **${escapeInline(v.title)}**${scope}: ${escapeInline(verdictText(v))}${note}`;
}

function figureRow(f: HeadlineFigure, scoped: boolean): string[] {
  const name = scoped && f.scope ? `${f.label} (${f.scope})` : f.label;
  const target = f.target
    ? `${f.target.verdict === 'pass' ? '✓' : f.target.verdict === 'fail' ? '✗' : '–'} ${f.target.comparison} ${formatValue(f.target.threshold, f.target.unit)}`
    : '—';
  const ref = f.reference
    ? `${signedPercent(f.reference.relative)} vs ${f.reference.kind} (${displayValue(f.reference.value, f.unit)})${f.reference.regression ? ' ⚠' : ''}`
    : '—';
  // A target's figure is shown in the target's unit (as its verdict chip shows it); the rest in the run's own.
  const value =
    f.target?.value !== undefined ? formatValue(f.target.value, f.target.unit) : displayValue(f.value, f.unit);
  return [name, value, target, ref];
}

/** One line a reader takes in first: `✗ 2 fail · ✓ 1 pass · 0 not measured · 0 regressions`. */
export function verdictLine(s: ReportSummary): string {
  const { pass, fail, notMeasured, regressions } = s.counts;
  const parts = [
    fail ? `**✗ ${fail} fail**` : `${fail} fail`,
    `✓ ${pass} pass`,
    `${notMeasured} not measured`,
    regressions ? `**⚠ ${regressions} regression${regressions === 1 ? '' : 's'}**` : '0 regressions',
  ];
  return `SLO targets: ${parts.join(' · ')}`;
}

/**
 * The summary block. `heading` is the Markdown heading level of its title (0: no title, for a summary nested
 * under a run's own heading); `narrative` is text people wrote, shown after the numbers; `withChart` false
 * leaves the chart out (a page with several runs shows one).
 */
export function renderSummary(
  s: ReportSummary,
  opts: {
    heading?: number;
    title?: string;
    narrative?: string;
    withChart?: boolean;
    /** How the chart is embedded: MDX by default; the build-time views put it in a slot. */
    chart?: (svg: string) => string;
  } = {},
): string {
  const level = opts.heading ?? 2;
  const parts: string[] = [];
  if (level > 0) parts.push(`${'#'.repeat(level)} ${opts.title ?? 'Summary'}`);
  parts.push('<div className="kb-summary">');
  parts.push(verdictLine(s));
  parts.push(
    `<div className="kb-verdicts">\n\n${
      s.verdicts.length
        ? byWeight(s.verdicts).map(chip).join('\n')
        : 'No SLO target judges this suite (see `slo-targets.yaml`).'
    }\n\n</div>`,
  );
  if (s.figures.length) {
    const scoped = new Set(s.figures.map((f) => f.scope)).size > 1;
    // A column nothing fills (no target judges these figures, no reference run) is left out.
    const rows = s.figures.map((f) => figureRow(f, scoped));
    const keep = [0, 1, 2, 3].filter((i) => i < 2 || rows.some((r) => r[i] !== '—'));
    const header = ['figure', 'value', 'target', 'against reference'];
    const align: ('l' | 'r')[] = ['l', 'r', 'l', 'l'];
    const figures = table(
      keep.map((i) => header[i]!),
      rows.map((r) => keep.map((i) => r[i]!)),
      keep.map((i) => align[i]!),
    );
    // The phone layout labels the target cell (it hides the header row): only when that column is there.
    parts.push(`<div className="kb-figures${keep.includes(2) ? ' kb-has-target' : ''}">\n\n${figures}\n\n</div>`);
  }
  if (s.regressions.length)
    parts.push(
      `**Regressions**\n\n${s.regressions
        .map(
          ({ scope, change: c }) =>
            `- ⚠ ${scope ? `${escapeInline(scope)}: ` : ''}${escapeInline(c.operation)} ${metricLabel(c.metric)} ${signedPercent(c.relative)} against ${c.n > 1 ? `the median of ${c.n} runs` : 'the previous run'} (${displayValue(c.baseline, c.unit)})`,
        )
        .join('\n')}`,
    );
  if (s.chart && opts.withChart !== false) parts.push((opts.chart ?? mdxChart)(s.chart));
  parts.push('</div>');
  if (opts.narrative?.trim()) parts.push(opts.narrative.trim());
  return parts.join('\n\n');
}

/** A folded block (`<details>`, which works without JavaScript); the Markdown inside stays in the `.md` mirror. */
export function folded(summary: string, body: string): string {
  return `<details className="kb-fold">\n<summary>${escapeInline(summary)}</summary>\n\n${body}\n\n</details>`;
}
