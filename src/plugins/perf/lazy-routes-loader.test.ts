import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const lazy = createRequire(import.meta.url)('./lazy-routes-loader.cjs') as (source: string) => string;

// The shape @docusaurus/core 3.10 writes to .docusaurus/routes.js (codegenRoutes.js).
const routes = `import React from 'react';
import ComponentCreator from '@docusaurus/ComponentCreator';

export default [
  {
    path: '/adr',
    component: ComponentCreator('/adr', '8d1'),
    routes: [
      {
        path: '/adr/0001-runtime',
        component: ComponentCreator('/adr/0001-runtime', 'a2c'),
        exact: true,
        sidebar: "adr"
      }
    ]
  },
  {
    path: '*',
    component: ComponentCreator('*'),
  },
];
`;

/** Evaluates the transformed module with a counting ComponentCreator. */
function load(source: string) {
  const created: string[] = [];
  const ComponentCreator = (path: string, hash?: string) => {
    created.push(hash === undefined ? path : `${path}#${hash}`);
    return { path, hash };
  };
  const body = source
    .replace("import React from 'react';", '')
    .replace("import ComponentCreator from '@docusaurus/ComponentCreator';", '')
    .replace('export default', 'return');
  const table = new Function('ComponentCreator', body)(ComponentCreator) as {
    component: unknown;
    routes?: { component: unknown }[];
  }[];
  return { table, created };
}

describe('lazy-routes-loader', () => {
  it('creates no route component while the table evaluates', () => {
    const { created } = load(lazy(routes));
    expect(created).toEqual([]);
    expect(load(routes).created).toHaveLength(3);
  });

  it('creates a route component on first use, once, with the same arguments', () => {
    const { table, created } = load(lazy(routes));
    const leaf = table[0]!.routes![0]!;
    expect(leaf.component).toEqual({ path: '/adr/0001-runtime', hash: 'a2c' });
    expect(leaf.component).toBe(leaf.component);
    expect(table[1]!.component).toEqual({ path: '*', hash: undefined });
    expect(created).toEqual(['/adr/0001-runtime#a2c', '*']);
  });

  it('keeps every other route field', () => {
    const { table } = load(lazy(routes));
    expect(JSON.parse(JSON.stringify(table))).toEqual(JSON.parse(JSON.stringify(load(routes).table)));
  });

  it('leaves a table of another shape as it is', () => {
    const other = `import X from 'y';\nexport default [{ path: '/', component: X }];\n`;
    expect(lazy(other)).toBe(other);
  });
});
