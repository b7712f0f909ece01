import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import dashboardsPlugin from './index.ts';
import { validateOptions } from './options.ts';

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('dashboards plugin', () => {
  it('validates its options with defaults and one-line errors', () => {
    expect(validateOptions({ options: {} })).toEqual({ id: 'default', routeBasePath: '/dashboards', dueSoonDays: 14 });
    expect(() => validateOptions({ options: { routeBasePath: 'x' } })).toThrow(
      /routeBasePath: must be a path like \/dashboards/,
    );
    expect(() => validateOptions({ options: { asOf: 'soon' } })).toThrow(/asOf: must be a date/);
  });

  it('adds the five routes with JSON data built from the real documents', async () => {
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
    expect(deliverables).toMatchObject({ asOf: '2025-03-01', total: 50 });
    // No content plugin loaded here, so no URL is known and nothing may be linked.
    expect(JSON.stringify(deliverables)).not.toContain('"url"');
  });
});
