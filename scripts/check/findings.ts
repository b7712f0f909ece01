/** The rules of `kb check`, one id each; the list feeds both the type and the docs. */
export const ruleIds = [
  'unreadable',
  'too-large',
  'front-matter-yaml',
  'front-matter',
  'page-title',
  'adr-number',
  'adr-id',
  'adr-supersedes',
  'adr-status',
  'adr-link',
  'placeholder',
  'review-missing',
  'review-overdue',
  'broken-link',
  'broken-anchor',
  'duplicate-route',
  'docusaurus-front-matter',
  'mdx-syntax',
  'mdx-import',
  'mdx-component',
  'mdx-reference',
  'mermaid',
] as const;

export type RuleId = (typeof ruleIds)[number];
export type Severity = 'error' | 'warning';

/** One problem found in one file; `line` is 1-based in the file (0 when the whole file). */
export interface Finding {
  path: string;
  line: number;
  rule: RuleId;
  severity: Severity;
  message: string;
  /** How to fix it, said after an em dash. */
  hint: string;
}

export function finding(
  path: string,
  line: number,
  rule: RuleId,
  severity: Severity,
  message: string,
  hint: string,
): Finding {
  return { path, line, rule, severity, message, hint };
}

/** `path:line: rule: message — how to fix` (warnings say so before the message). */
export function formatFinding(f: Finding): string {
  const where = f.line > 0 ? `${f.path}:${f.line}` : f.path;
  const level = f.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${f.rule}: ${level}${f.message} — ${f.hint}`;
}

/** Stable order: by path, then line, then rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.rule.localeCompare(b.rule),
  );
}

export interface CheckSummary {
  errors: number;
  warnings: number;
}

export function summarize(findings: readonly Finding[]): CheckSummary {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}

/** Exit code of a check: 1 on any error, or on any warning when strict. */
export function checkExitCode(summary: CheckSummary, strict: boolean): 0 | 1 {
  return summary.errors > 0 || (strict && summary.warnings > 0) ? 1 : 0;
}
