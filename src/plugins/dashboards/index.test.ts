import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext } from '@docusaurus/types';
import { afterAll, describe, expect, it } from 'vitest';
import dashboardsPlugin from './index.ts';
import { validateOptions } from './options.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * A small knowledge base in a temp folder (the plugin's code and
 * node_modules linked from the repo): one published week-1 risk assessment,
 * a draft week-5 runbook and one accepted ADR. Never the live content.
 */
function fixtureSite(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kb-dashboards-'));
  for (const link of ['src', 'scripts', 'node_modules']) symlinkSync(path.join(repo, link), path.join(dir, link));
  copyFileSync(path.join(repo, 'package.json'), path.join(dir, 'package.json'));
  const write = (file: string, fm: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), `---\n${fm}\n---\n\n# Page\n`);
  };
  write(
    'docs/planning/risk-assessment.md',
    'title: Risk assessment\nkind: risk-assessment\nstatus: published\nowner: platform\nweek: 1\ndate: 2025-01-06',
  );
  write(
    'runbooks/migration.md',
    'title: Migration runbook\nkind: runbook\nstatus: draft\nowner: platform\nweek: 5\ndate: 2025-02-03\nreview-by: 2025-03-10',
  );
  write('adr/0001-use-x.md', 'adr: 1\ntitle: Use X\nstatus: accepted\ndate: 2025-01-10');
  return dir;
}
const siteDir = fixtureSite();
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

describe('dashboards plugin', () => {
  it('validates its options with defaults and one-line errors', () => {
    expect(validateOptions({ options: {} })).toEqual({ id: 'default', routeBasePath: '/dashboards', dueSoonDays: 14 });
    expect(() => validateOptions({ options: { routeBasePath: 'x' } })).toThrow(
      /routeBasePath: must be a path like \/dashboards/,
    );
    expect(() => validateOptions({ options: { asOf: 'soon' } })).toThrow(/asOf: must be a date/);
  });

  it('adds the five routes with JSON data built from the documents', async () => {
    const context = { siteDir, baseUrl: '/', siteConfig: { trailingSlash: false } } as unknown as LoadContext;
    const plugin = dashboardsPlugin(context, validateOptions({ options: { asOf: '2025-03-01' } }));
    await plugin.loadContent!();
    const data = new Map<string, string>();
    const routes: { path: string; component: string; modules?: unknown }[] = [];
    const actions = {
      createData: async (name: string, content: string) => (data.set(name, content), `/data/${name}`),
      addRoute: (r: { path: string; component: string; modules?: unknown }) => routes.push(r),
      setGlobalData: () => undefined,
    };
    await plugin.allContentLoaded!({ allContent: {}, actions } as never);
    expect(routes.map((r) => [r.path, r.component])).toEqual([
      ['/dashboards', '@site/src/components/DashboardIndex/index.tsx'],
      ['/dashboards/deliverables', '@site/src/components/DashboardDeliverables/index.tsx'],
      ['/dashboards/freshness', '@site/src/components/DashboardFreshness/index.tsx'],
      ['/dashboards/decisions', '@site/src/components/DashboardDecisions/index.tsx'],
      ['/dashboards/weeks', '@site/src/components/DashboardWeeks/index.tsx'],
    ]);
    // Week by week: twelve weeks of the same facts kb week and kb mcp give.
    const weeks = JSON.parse(data.get('dashboardweeks.json')!) as {
      weeks: { week: number; deliverables: unknown[] }[];
    };
    expect(weeks.weeks.map((w) => w.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(weeks.weeks.reduce((n, w) => n + w.deliverables.length, 0)).toBe(50);
    expect(routes[1]!.modules).toEqual({ data: '/data/dashboarddeliverables.json' });
    const deliverables = JSON.parse(data.get('dashboarddeliverables.json')!);
    // 50 Day-7 deliverables in the plan; the fixture publishes two (the
    // risk assessment and, through its accepted ADR, week 1's ADRs) and
    // drafts one; its runbook is due for review within the 14 days.
    expect(deliverables).toMatchObject({ asOf: '2025-03-01', total: 50, published: 2, inProgress: 1 });
    expect(JSON.parse(data.get('dashboardindex.json')!)).toMatchObject({
      deliverables: { published: 2, inProgress: 1, total: 50 },
      freshness: { overdue: 0, dueSoon: 1, total: 1 },
      decisions: { total: 1, accepted: 1, proposed: 0 },
    });
    const week1 = deliverables.weeks.find((w: { week: number }) => w.week === 1);
    expect(week1.cells.find((c: { kind: string }) => c.kind === 'risk-assessment').state).toBe('published');
    // No content plugin loaded here, so no URL is known and nothing may be linked.
    expect(JSON.stringify(deliverables)).not.toContain('"url"');
  });
});
