import { escapeCell } from '../core/markdown-escape.ts';
import { roundValue } from './units.ts';

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
}

/** A link whose text is escaped; the URL is ours (a `/reports/<slug>` route). */
export function linkCell(text: string, url: string): RawCell {
  return { raw: `[${escapeCell(text)}](${url})` };
}

/** A GFM table; every text cell is escaped, empty cells become "—". */
export function table(header: string[], rows: (string | RawCell)[][], align?: ('l' | 'r')[]): string {
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
  const r = roundValue(value);
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(r);
}

export function cellPercent(ratio: number | undefined): string {
  return ratio === undefined ? '—' : `${cellNumber(ratio * 100)} %`;
}

export function signedPercent(ratio: number | undefined): string {
  if (ratio === undefined) return '—';
  const p = roundValue(ratio * 100);
  return `${p > 0 ? '+' : ''}${p} %`;
}
