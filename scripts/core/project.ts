import path from 'node:path';

/** Where each part of a knowledge base lives, relative to its root. */
export const layout = {
  docs: 'docs',
  adr: 'adr',
  runbooks: 'runbooks',
  reports: 'reports',
  benchmarks: 'benchmarks',
  templates: 'templates',
  sloTargets: 'slo-targets.yaml',
} as const;

export type LayoutKey = keyof typeof layout;

export interface Project {
  root: string;
  /** Absolute path of one layout entry. */
  dir(key: LayoutKey): string;
  /** Path relative to the root, with forward slashes, for messages. */
  relative(p: string): string;
}

export function openProject(root: string): Project {
  const abs = path.resolve(root);
  return {
    root: abs,
    dir: (key) => path.join(abs, layout[key]),
    relative: (p) => path.relative(abs, p).split(path.sep).join('/'),
  };
}
