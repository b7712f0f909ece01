/** How commands write their results: JSON for scripts, plain text (no colours) for people. */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** JSON when asked, else the human line(s). */
export function print(asJson: boolean | undefined, value: unknown, human: string): void {
  if (asJson) printJson(value);
  else process.stdout.write(`${human}\n`);
}

/** Pads columns for a plain-text table, so output pipes cleanly. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  '))
    .join('\n');
}
