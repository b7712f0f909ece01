import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../core/front-matter.ts';
import { tempProject } from './test-helpers.ts';

const kb = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/kb.mjs');
let project: ReturnType<typeof tempProject>;
afterEach(() => project.cleanup());

function run(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kb, ...args], {
      cwd,
      env: { ...process.env, KB_DEBUG: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('kb adr new in parallel', () => {
  it('gives twenty concurrent processes twenty distinct numbers and files', { timeout: 600_000 }, async () => {
    project = tempProject();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => run(project.root, ['adr', 'new', `Parallel decision ${i}`])),
    );
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    // KB_DEBUG reports a bundle that failed to build or load (kb then runs from sources through tsx).
    expect(results.map((r) => r.stderr).filter((e) => e.includes('bundle unavailable'))).toEqual([]);
    const names = (await fs.readdir(path.join(project.root, 'adr'))).sort();
    expect(names).toHaveLength(20);
    const numbers = names.map((n) => Number(n.slice(0, 4)));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const titles = new Set<string>();
    for (const n of names) {
      const { data } = parseMarkdown(await fs.readFile(path.join(project.root, 'adr', n), 'utf8'));
      expect(data.adr).toBe(Number(n.slice(0, 4)));
      titles.add(String(data.title));
    }
    expect(titles.size).toBe(20);
  });
});
