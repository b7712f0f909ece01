import { escapeHtml } from '../core/markdown-escape.ts';
import { formatValue } from './units.ts';

/**
 * Inline SVG charts drawn at generation time: plain strings, no chart library
 * in the browser. Colours come from CSS custom properties (light and dark
 * variants keyed on Docusaurus' `[data-theme='dark']`) and `currentColor`, so
 * a chart inlined in a page follows the theme. Every label from a tool goes
 * through `escapeHtml`.
 */
const W = 720;
const palette = {
  light: ['#2e6be6', '#e8870e', '#1a9c6b', '#c93c5d', '#7b5cd6'],
  dark: ['#6d9cf5', '#f5a742', '#3fcf95', '#f0708c', '#a98df0'],
  sloLight: '#c62828',
  sloDark: '#ff6b6b',
};

/**
 * The charts' stylesheet, which every chart carries so it draws right on its own. Global, as any `<style>` in
 * an HTML document: a page with several charts keeps it in its first one only (views.ts, withSlots).
 */
export const CHART_STYLE = `<style>.kb-chart{${palette.light.map((c, i) => `--kb-s${i}:${c};`).join('')}--kb-slo:${palette.sloLight};max-width:100%;height:auto;font-family:var(--ifm-font-family-base,system-ui,sans-serif)}[data-theme='dark'] .kb-chart{${palette.dark.map((c, i) => `--kb-s${i}:${c};`).join('')}--kb-slo:${palette.sloDark}}${palette.light.map((_, i) => `.kb-chart .s${i}{fill:var(--kb-s${i});stroke:var(--kb-s${i})}`).join('')}.kb-chart .slo{stroke:var(--kb-slo);fill:var(--kb-slo)}.kb-chart .grid{stroke:currentColor;opacity:.15}.kb-chart .axis{stroke:currentColor;opacity:.6}.kb-chart text{fill:currentColor}.kb-chart text.slo{fill:var(--kb-slo);stroke:none}</style>`;

export interface SloLine {
  value: number;
  label: string;
}

const num = (n: number) => Number(n.toFixed(1));

/** Truncates a label for display (the full text stays in a <title> tooltip). */
export function shorten(text: string, max = 30): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${num(x)}" y="${num(y)}"${attrs ? ` ${attrs}` : ''}>${escapeHtml(content)}</text>`;
}

/** Round tick values covering [0, max]. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
  return ticks;
}

function open(title: string, height: number, desc: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${CHART_STYLE}<title>${escapeHtml(title)}</title><desc>${escapeHtml(desc)}</desc>${text(W / 2, 20, title, 'text-anchor="middle" font-size="15" font-weight="600"')}`;
}

function legend(names: readonly string[], y: number): string {
  let x = 16;
  return names
    .map((n, i) => {
      const item = `<rect x="${x}" y="${y - 9}" width="10" height="10" class="s${i % 5}"/>${text(x + 14, y, n, 'font-size="12"')}`;
      x += 28 + [...n].length * 7;
      return item;
    })
    .join('');
}

export interface BarGroup {
  label: string;
  values: (number | undefined)[];
}

/** Horizontal grouped bars: one group per operation, one bar per series (e.g. p50/p90/p95/p99). */
export function groupedBarChart(opts: {
  title: string;
  unit: string;
  axisTitle: string;
  series: string[];
  groups: BarGroup[];
  slo?: SloLine;
}): string {
  const { series, groups } = opts;
  const bar = 10;
  const groupH = series.length * (bar + 2) + 12;
  const top = 56;
  const left = 230;
  const right = W - 70;
  const plotH = Math.max(groups.length, 1) * groupH;
  const height = top + plotH + 48;
  const all = groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined));
  const ticks = niceTicks(Math.max(...all, opts.slo?.value ?? 0, 0) * 1.05);
  const max = ticks.at(-1)!;
  const x = (v: number) => left + (v / max) * (right - left);
  const parts: string[] = [
    open(opts.title, height, `${opts.series.join(', ')} per operation, in ${opts.unit}`),
    legend(series, 42),
  ];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${num(x(t))}" x2="${num(x(t))}" y1="${top}" y2="${top + plotH}"/>`);
    parts.push(text(x(t), top + plotH + 16, formatValue(t, ''), 'text-anchor="middle" font-size="11"'));
  }
  parts.push(`<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}"/>`);
  parts.push(
    text(
      (left + right) / 2,
      top + plotH + 38,
      `${opts.axisTitle} (${opts.unit})`,
      'text-anchor="middle" font-size="12"',
    ),
  );
  groups.forEach((g, gi) => {
    const y0 = top + gi * groupH + 6;
    parts.push(
      `<g><title>${escapeHtml(g.label)}</title>${text(left - 8, y0 + (series.length * (bar + 2)) / 2 + 4, shorten(g.label), 'text-anchor="end" font-size="12"')}</g>`,
    );
    g.values.forEach((v, si) => {
      const y = y0 + si * (bar + 2);
      if (v === undefined) {
        parts.push(text(left + 4, y + bar - 1, `${series[si]} —`, 'font-size="10" opacity=".7"'));
        return;
      }
      parts.push(
        `<rect class="s${si % 5}" x="${left}" y="${y}" width="${num(Math.max(x(v) - left, 1))}" height="${bar}"><title>${escapeHtml(`${g.label} ${series[si]}: ${formatValue(v, opts.unit)}`)}</title></rect>`,
      );
      parts.push(text(x(v) + 4, y + bar - 1, formatValue(v, ''), 'font-size="10"'));
    });
  });
  if (opts.slo) parts.push(sloVertical(x(opts.slo.value), top, top + plotH, opts.slo.label));
  parts.push('</svg>');
  return parts.join('');
}

function sloVertical(x: number, y1: number, y2: number, label: string): string {
  return `<line class="slo" x1="${num(x)}" x2="${num(x)}" y1="${y1 - 4}" y2="${y2}" stroke-width="2" stroke-dasharray="6 4"/>${text(x, y1 - 8, label, 'class="slo" text-anchor="middle" font-size="11" stroke="none"')}`;
}

export interface LineSeries {
  name: string;
  values: (number | undefined)[];
}

/** Lines over categorical x positions (runs in time order, or loads 1x/10x/100x), optional log y and SLO line. */
export function lineChart(opts: {
  title: string;
  unit: string;
  yTitle: string;
  xTitle: string;
  xLabels: string[];
  series: LineSeries[];
  slo?: SloLine;
  logY?: boolean;
  /** Page of each x position: its points become links (a history chart reaching every run). */
  links?: (string | undefined)[];
}): string {
  const top = 56;
  const left = 78;
  const right = W - 24;
  const plotH = 240;
  const height = top + plotH + 64;
  const all = opts.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  const positive = all.filter((v) => v > 0);
  const logY = Boolean(opts.logY && positive.length > 0 && Math.max(...positive) / Math.min(...positive) > 20);
  const ticks = logY
    ? logTicks(Math.min(...positive, opts.slo?.value ?? Infinity), Math.max(...positive, opts.slo?.value ?? 0))
    : niceTicks(Math.max(...all, opts.slo?.value ?? 0, 0) * 1.08);
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const y = (v: number) =>
    logY
      ? top + plotH - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH
      : top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  const n = opts.xLabels.length;
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + 40 + (i / (n - 1)) * (right - left - 100));
  const parts: string[] = [
    open(
      opts.title,
      height,
      `${opts.series.map((s) => s.name).join(', ')} against ${opts.xTitle}, in ${opts.unit}${logY ? ' (log scale)' : ''}`,
    ),
    legend(
      opts.series.map((s) => s.name),
      42,
    ),
  ];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${left}" x2="${right}" y1="${num(y(t))}" y2="${num(y(t))}"/>`);
    parts.push(text(left - 6, y(t) + 4, formatValue(t, ''), 'text-anchor="end" font-size="11"'));
  }
  parts.push(`<line class="axis" x1="${left}" x2="${right}" y1="${top + plotH}" y2="${top + plotH}"/>`);
  parts.push(
    text(
      16,
      top + plotH / 2,
      `${opts.yTitle} (${opts.unit})${logY ? ', log' : ''}`,
      `text-anchor="middle" font-size="12" transform="rotate(-90 16 ${top + plotH / 2})"`,
    ),
  );
  const every = Math.ceil(n / 10);
  opts.xLabels.forEach((l, i) => {
    if (i % every === 0 || i === n - 1)
      parts.push(text(x(i), top + plotH + 16, shorten(l, 16), 'text-anchor="middle" font-size="11"'));
  });
  parts.push(text((left + right) / 2, top + plotH + 40, opts.xTitle, 'text-anchor="middle" font-size="12"'));
  if (opts.slo) {
    const sy = y(opts.slo.value);
    parts.push(
      `<line class="slo" x1="${left}" x2="${right}" y1="${num(sy)}" y2="${num(sy)}" stroke-width="2" stroke-dasharray="6 4"/>${text(right - 4, sy - 5, opts.slo.label, 'class="slo" text-anchor="end" font-size="11" stroke="none"')}`,
    );
  }
  opts.series.forEach((s, si) => {
    const pts = s.values.map((v, i) => (v === undefined ? undefined : ([x(i), y(v), v] as const)));
    const segments: string[][] = [[]];
    for (const p of pts) {
      if (p) segments.at(-1)!.push(`${num(p[0])},${num(p[1])}`);
      else segments.push([]);
    }
    for (const seg of segments)
      if (seg.length > 1)
        parts.push(
          `<polyline class="s${si % 5}" fill="none" stroke-width="2" points="${seg.join(' ')}" style="fill:none"/>`,
        );
    pts.forEach((p, i) => {
      if (!p) return;
      const link = opts.links?.[i];
      const tip = `${link ? `${opts.xLabels[i]} ` : ''}${s.name}: ${formatValue(p[2], opts.unit)}`;
      const dot = `<circle class="s${si % 5}" cx="${num(p[0])}" cy="${num(p[1])}" r="3.5"><title>${escapeHtml(tip)}</title></circle>`;
      parts.push(link ? `<a href="${escapeHtml(link)}" class="kb-chart-point">${dot}</a>` : dot);
      if (n <= 8) parts.push(text(p[0] + 6, p[1] - 6, formatValue(p[2], ''), 'font-size="10"'));
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
