import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const appRoutes = require('./app-routes-loader.cjs') as (source: string) => string;
const app = readFileSync(require.resolve('@docusaurus/core/lib/client/App.js'), 'utf8');

describe('app-routes-loader', () => {
  it('renders the top-level routes at render time, again when the table has grown', () => {
    const out = appRoutes(app);
    expect(out).not.toContain('const routesElement = renderRoutes(routes);');
    expect(out).toContain('{currentRoutesElement()}');
    const body = out.slice(out.indexOf('let kbRoutesElement'), out.indexOf('function AppNavigation'));
    const rendered: number[] = [];
    const routes = [{ path: '/a' }];
    const current = new Function('routes', 'renderRoutes', `${body}; return currentRoutesElement;`)(
      routes,
      (r: unknown[]) => (rendered.push(r.length), { length: r.length }),
    ) as () => { length: number };
    const first = current();
    expect(current()).toBe(first);
    routes.push({ path: '/b' });
    expect(current()).toEqual({ length: 2 });
    expect(rendered).toEqual([1, 2]);
  });

  it('fails the build when App.js changes shape', () => {
    expect(() => appRoutes('export default function App() { return null; }')).toThrow(/changed shape/);
  });
});
