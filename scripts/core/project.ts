import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KbError } from './errors.ts';

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

/**
 * The knowledge base a command works on: `--root` when given, else the nearest
 * folder at or above `start` with `docusaurus.config.ts` or a package.json named
 * sophia-kb. Every command resolves its root this way, so running kb in a
 * sub-folder never scatters `adr/` or `benchmarks/` folders.
 */
export function findProjectRoot(start: string, explicit?: string): string {
  if (explicit) {
    const abs = path.resolve(start, explicit);
    if (!existsSync(abs))
      throw new KbError('NOT_FOUND', `--root ${explicit} does not exist`, {
        field: '--root',
        hint: 'give the folder of the knowledge base',
      });
    return abs;
  }
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'docusaurus.config.ts'))) return dir;
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'sophia-kb') return dir;
      } catch {
        // an unreadable package.json is not ours; keep walking
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new KbError('NOT_FOUND', `no knowledge base found at or above ${start}`, {
    hint: 'run kb inside the project (a folder with docusaurus.config.ts) or pass --root DIR',
  });
}
