// kb week N's facts refresh on a temp knowledge base: the region is refreshed
// without --force and the narrative people wrote stays byte for byte.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverablesOfWeek } from '../catalog/catalog.ts';
import type { WeekPlan } from '../catalog/week-plan.ts';
import { refreshWeeklyFacts } from './command.ts';
import { factsEnd, factsStart } from './render.ts';

let root: string;
const report = 'reports/2025-01-10-week-1-report.md';
const narrative = '## Summary\n\nWe wrote this ourselves.\n';

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kb-week-facts-'));
  const files: Record<string, string> = {
    'docusaurus.config.ts': 'export default {};\n',
    [report]: `---\ntitle: Week 1 report\nkind: weekly-report\nstatus: draft\nweek: 1\ndate: 2025-01-10\n---\n\n${narrative}\n${factsStart}\nstale\n${factsEnd}\n\n## Next week\n\nOurs too.\n`,
    'adr/0001-use-redis.md':
      '---\nadr: 1\ntitle: Use Redis\nstatus: accepted\ndate: 2025-01-07\n---\n\nWe chose Redis.\n',
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('refreshWeeklyFacts', () => {
  it('refreshes the facts of an existing report and keeps what people wrote', async () => {
    // What planWeek says when the week's report exists (the other deliverables do not matter here).
    const deliverable = deliverablesOfWeek(1).find((d) => d.kind === 'weekly-report')!;
    const plan: WeekPlan = { week: 1, create: [], skipped: [{ deliverable, path: report }], listed: [] };
    const result = await refreshWeeklyFacts(root, 1, plan, { now: new Date('2025-01-10T12:00:00Z') });
    expect(result.summary).toMatchObject({ start: '2025-01-06', end: '2025-01-12', report, action: 'replaced' });
    const text = result.refresh!.content;
    expect(text).toContain(narrative);
    expect(text.endsWith('## Next week\n\nOurs too.\n')).toBe(true);
    expect(text).not.toContain('stale');
    expect(text).toContain('[Use Redis](/adr/use-redis) (ADR 1)');
    // Unchanged sources: the second refresh writes nothing.
    await writeFile(path.join(root, report), text);
    const again = await refreshWeeklyFacts(root, 1, plan, { now: new Date('2025-01-11T12:00:00Z') });
    expect(again.refresh).toBeUndefined();
    expect(await readFile(path.join(root, report), 'utf8')).toBe(text);
  });
});
