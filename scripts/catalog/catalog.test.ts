import { describe, expect, it } from 'vitest';
import {
  deliverables,
  deliverablesOfWeek,
  findPlaceholders,
  getKind,
  kinds,
  validateFrontMatter,
  weeks,
} from './catalog.ts';
import { isKbError } from '../core/errors.ts';

describe('catalog', () => {
  it('has the kind ids of DEVELOPERS.md, each with a template', () => {
    expect(kinds.map((k) => k.id)).toEqual([
      'adr',
      'weekly-report',
      'performance-baseline-report',
      'benchmark-report',
      'progress-report',
      'cutover-report',
      'scale-test-report',
      'readiness-report',
      'risk-assessment',
      'training-plan',
      'playbook',
      'guide',
      'architecture-diagrams',
      'standard',
      'slo-definition',
      'api-changes',
      'recommendations',
      'requirements',
      'architecture-plan',
      'runbook',
      'incident-procedure',
      'rollback-procedure',
      'checklist',
      'operational-procedures',
      'plan',
    ]);
    for (const k of kinds) expect(k.template).toBe(`${k.id}.md.hbs`);
  });

  it('maps every week to its Day-7 deliverables plus a weekly report', () => {
    for (const w of weeks) {
      const list = deliverablesOfWeek(w.week);
      expect(list.filter((d) => d.kind === 'weekly-report')).toHaveLength(1);
      expect(list.length).toBeGreaterThanOrEqual(4);
    }
    expect(
      deliverablesOfWeek(1)
        .map((d) => d.title)
        .sort(),
    ).toEqual([
      'Architecture decision records',
      'Performance baseline report',
      'Risk assessment',
      'Scaling playbook',
      'Team training plan',
      'Week 1 report',
    ]);
    expect(new Set(deliverables.map((d) => `${d.kind}/${d.slug}`)).size).toBe(deliverables.length);
    expect(getKind('plan').deliverables).toHaveLength(0);
    expect(getKind('guide').weeks).toEqual([2, 3, 6, 7, 8]);
  });

  it('throws UNKNOWN_KIND listing the kinds', () => {
    try {
      getKind('memo');
      expect.unreachable();
    } catch (error) {
      expect(isKbError(error) && error.code).toBe('UNKNOWN_KIND');
      expect(String((error as Error & { hint: string }).hint)).toContain('runbook');
    }
  });

  it('collects every front-matter issue as file: field: what — fix', () => {
    const { issues, value } = validateFrontMatter(
      'runbook',
      { title: '', kind: 'guide', status: 'done', date: '2025-13-01', week: 0 },
      'runbooks/x.md',
    );
    expect(value).toBeUndefined();
    expect(issues.map((i) => i.field).sort()).toEqual(['date', 'kind', 'owner', 'status', 'title', 'week']);
    for (const i of issues) expect(i.text).toMatch(/^runbooks\/x\.md: [\w.-]+: .+ — .+$/);
  });

  it('requires review-by on published runbooks only', () => {
    const base = { title: 'Deploy', kind: 'runbook', status: 'published', owner: 'ops', date: '2025-01-02' };
    expect(validateFrontMatter('runbook', base, 'f').issues.map((i) => i.field)).toEqual(['review-by']);
    expect(validateFrontMatter('runbook', { ...base, status: 'draft' }, 'f').issues).toEqual([]);
    expect(validateFrontMatter('guide', { ...base, kind: 'guide' }, 'f').issues).toEqual([]);
  });

  it('accepts report pages as kb ingest writes them', () => {
    const page = {
      title: 'sample-api: scale test',
      kind: 'scale-test-report',
      status: 'published',
      owner: 'perf',
      date: '2026-11-26',
      suite: 'sample-api',
      run: 'sample-api-1x',
      'slo-verdicts': [
        { target: 'api-p99', verdict: 'fail', value: 4100, unit: 'ms', margin: -4000 },
        { target: 'uptime', verdict: 'not measured', value: null },
      ],
      'breaking-points': [
        { target: 'api-p99', 'breaks-at': '10x', 'holds-up-to': '1x' },
        { target: 'error-rate', 'breaks-at': null, 'holds-up-to': '100x' },
      ],
    };
    expect(validateFrontMatter('scale-test-report', page, 'r.mdx').issues).toEqual([]);
    expect(
      validateFrontMatter(
        'scale-test-report',
        { ...page, 'slo-verdicts': [{ target: 'x', verdict: 'meh' }] },
        'r.mdx',
      ).issues.map((i) => i.field),
    ).toEqual(['slo-verdicts.0.verdict']);
  });

  it('validates ADR front matter with MADR 4 fields', () => {
    const ok = {
      title: 'Use Redis',
      status: 'accepted',
      date: '2025-01-03',
      adr: 3,
      supersedes: [1],
      links: [{ type: 'relates-to', target: 2 }],
    };
    expect(validateFrontMatter('adr', ok, 'adr/0003-use-redis.md').issues).toEqual([]);
    expect(validateFrontMatter('adr', { ...ok, status: 'draft' }, 'a').issues.map((i) => i.field)).toEqual(['status']);
  });

  it('finds placeholders with their lines', () => {
    expect(
      findPlaceholders(
        '# T\n\nTODO: write the purpose\n| a | TODO: value | b |\n* Good, because TODO\n1. **TODO: first step**\n  a[TODO: client] --> b',
      ),
    ).toEqual([
      { line: 3, text: 'TODO: write the purpose' },
      { line: 4, text: 'TODO: value' },
      { line: 5, text: 'TODO' },
      { line: 6, text: 'TODO: first step' },
      { line: 7, text: 'TODO: client' },
    ]);
  });
});
