import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../core/front-matter.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const kb = path.resolve(here, '../bin/kb.mjs');
let dir: string;
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

function run(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kb, ...args], {
      cwd,
      env: { ...process.env, KB_CWD: cwd, KB_DEBUG: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('kb ingest in parallel', () => {
  it('stores eight runs started at once into one suite and label: eight ids, files and pages', {
    timeout: 600_000,
  }, async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-ingest-parallel-'));
    await fs.copyFile(path.resolve(here, '../../slo-targets.yaml'), path.join(dir, 'slo-targets.yaml'));
    // Eight Locust results with the same start time (from the history CSV): every one derives the same run id.
    const fixture = path.resolve(here, '../../fixtures/bench-local');
    const inputs = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const parts = ['stats', 'stats_history', 'failures'].map((p) => path.join(dir, `job${i}_${p}.csv`));
        for (const [j, p] of ['stats', 'stats_history', 'failures'].entries()) {
          const text = await fs.readFile(path.join(fixture, `locust-1x_${p}.csv`), 'utf8');
          // A different request count per job: eight different results.
          await fs.writeFile(parts[j]!, p === 'stats' ? text.replace(',390,', `,${390 + i},`) : text);
        }
        return parts;
      }),
    );
    const results = await Promise.all(
      inputs.map((files) => run(dir, ['ingest', ...files, '--suite', 'ci', '--label', '1x', '--root', dir])),
    );
    expect(results.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    expect(results.map((r) => r.stderr).filter((e) => e.includes('bundle unavailable'))).toEqual([]);
    const runs = (await fs.readdir(path.join(dir, 'benchmarks'))).filter((n) => n.endsWith('.json'));
    expect(runs).toHaveLength(8);
    const values = new Set<number>();
    for (const n of runs) {
      const stored = JSON.parse(await fs.readFile(path.join(dir, 'benchmarks', n), 'utf8'));
      expect(`${stored.id}.json`).toBe(n);
      values.add(stored.operations.find((o: { name: string }) => o.name === '/api/items/[id]').count);
    }
    expect([...values].sort()).toEqual([390, 391, 392, 393, 394, 395, 396, 397]); // nothing lost or overwritten
    const pages = (await fs.readdir(path.join(dir, 'reports/runs'))).filter((n) => n.endsWith('.md'));
    expect(pages).toHaveLength(8);
    const pageRuns = await Promise.all(
      pages.map(async (p) => parseMarkdown(await fs.readFile(path.join(dir, 'reports/runs', p), 'utf8')).data.run),
    );
    expect(new Set(pageRuns)).toEqual(new Set(runs.map((n) => n.replace(/\.json$/, ''))));
    // No temp or claim file is left behind.
    expect((await fs.readdir(path.join(dir, 'benchmarks'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
