import { escapeCell, escapeHtml } from '../core/markdown-escape.ts';
import { roundValue, valueText } from './units.ts';

/** Embeds a generated SVG in an .mdx page as static markup (no chart code in the browser). */
export function mdxChart(svg: string): string {
  // A JS string literal inside a JSX expression: MDX never parses its content,
  // and the braces/angle brackets are \u-escaped so no tokenizer can trip on them.
  const literal = JSON.stringify(svg).replace(/[{}<>]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<div className="kb-report-chart" dangerouslySetInnerHTML={{ __html: ${literal} }} />`;
}

/** Markdown this module built itself (a link around escaped text): a table cell that is not escaped again. */
export interface RawCell {
  raw: string;
  /** The same cell as HTML, for htmlTable. */
  html?: string;
}

/** A link whose text is escaped; the URL is ours (a `/reports/<slug>` route). */
export function linkCell(text: string, url: string): RawCell {
  return { raw: `[${escapeCell(text)}](${url})`, html: `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` };
}

/**
 * The table `table()` writes, as the HTML remark would make of it, for tables too long to send through
 * remark at every build (a suite history's 500 rows per label took seconds): every text cell escaped.
 */
export function htmlTable(header: string[], rows: (string | RawCell)[][], align?: ('l' | 'r')[]): string {
  const attr = (i: number) => (align?.[i] === 'r' ? ' align="right"' : '');
  // As escapeCell does for the Markdown table: trimmed, and an empty cell is "—".
  const text = (c: string) => escapeHtml(c.trim()) || '—';
  const cell = (c: string | RawCell) => (typeof c === 'string' ? text(c) : (c.html ?? escapeHtml(c.raw)));
  const head = header.map((h, i) => `<th${attr(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${attr(i)}>${cell(c)}</td>`).join('')}</tr>`).join('\n');
  // No rows: no tbody, as remark writes it.
  return `<table>\n<thead>\n<tr>${head}</tr>\n</thead>\n${rows.length ? `<tbody>\n${body}\n</tbody>\n` : ''}</table>`;
}

/** Where table() sends its tables while a page is rendered with pre-rendered blocks (withTableBlocks). */
let tableSink: ((markdown: string, html: string) => string) | undefined;

/**
 * Renders with every table() also written as HTML and handed to `sink`, whose return (a block slot) stands
 * in the Markdown for it: a run page is mostly tables, and remark took 165 ms of an ingest's 667 turning
 * them into HTML. Synchronous, so the sink is never seen by other work.
 */
export function withTableBlocks<T>(sink: (markdown: string, html: string) => string, render: () => T): T {
  const previous = tableSink;
  tableSink = sink;
  try {
    return render();
  } finally {
    tableSink = previous;
  }
}

/** A GFM table; every text cell is escaped, empty cells become "—". */
export function table(header: string[], rows: (string | RawCell)[][], align?: ('l' | 'r')[]): string {
  const markdown = markdownTable(header, rows, align);
  return tableSink ? tableSink(markdown, htmlTable(header, rows, align)) : markdown;
}

function markdownTable(header: string[], rows: (string | RawCell)[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  // Tool text such as a page URL must not become a GFM autolink: a character reference breaks the pattern, not the text.
  const cell = (c: string | RawCell) =>
    typeof c === 'string'
      ? escapeCell(c)
          .replace(/:\/\//g, '&#58;//')
          .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`)
      : c.raw;
  return [line(header.map(escapeCell)), line(sep), ...rows.map((r) => line(r.map(cell)))].join('\n');
}

/** A number for a table cell; a statistic the tool did not report is "—", never 0. */
export function cellNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return valueText(roundValue(value));
}

export function cellPercent(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${cellNumber(ratio * 100)} %`;
}

/**
 * A change as a reader compares them: one decimal (`+50.6 %`, `-1.3 %`, `+100 %`), or the first significant
 * digit of a change under 0.1 % (`+0.04 %`), not four significant digits (`+7.515 %`).
 */
export function signedPercent(ratio: number | undefined): string {
  if (ratio === undefined) return '—';
  const raw = ratio * 100;
  const p = Math.abs(raw) >= 0.1 ? Number(raw.toFixed(1)) : roundValue(raw);
  return `${p > 0 ? '+' : ''}${p} %`;
}
