// CLI-level tests of kb kinds/new/week/list: spawn the real entry in a temp project.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'kb.mjs');
let root: string;

function kb(
  args: string[],
  cwd = root,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, KB_TODAY: '2025-01-06', KB_NO_PROMPT: '1', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** Runs the CLI in this process (fast): same entry, stdout/stderr captured. */
async function kbInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args, { cwd: root, env: { ...process.env, KB_TODAY: '2025-01-06' } });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Path → sha256 of every file under the root, to prove a run changed nothing. */
async function snapshot(dir = root): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out[path.relative(root, abs)] = createHash('sha256')
      .update(await fs.readFile(abs))
      .digest('hex');
  }
  return out;
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-cli-'));
  await fs.writeFile(path.join(root, 'package.json'), '{"name":"sophia-kb","private":true}\n');
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

describe('kb kinds / new / week / list', () => {
  it('kb kinds --json lists the catalog', async () => {
    const r = await kb(['kinds', '--json']);
    expect(r.code).toBe(0);
    const kinds = JSON.parse(r.stdout) as { id: string; fileName: string; weeks: number[] }[];
    expect(kinds).toHaveLength(25);
    expect(kinds.find((k) => k.id === 'weekly-report')).toMatchObject({
      fileName: 'reports/YYYY-MM-DD-slug.md',
      weeks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
  });

  it('kb new keeps every repeated --field, from a sub-folder, and refuses to overwrite without --force', async () => {
    await fs.mkdir(path.join(root, 'docs'), { recursive: true });
    const args = [
      'new',
      'runbook',
      'Deploy {gateway} | <v2>',
      '--owner',
      'sre',
      '--field',
      'service=api, v2',
      '--field=tags=deploy,api',
      '--field',
      'description=Roll out "the" gateway',
      '--json',
    ];
    const r = await kb(args, path.join(root, 'docs'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { path: string; created: boolean; frontMatter: Record<string, unknown> };
    expect(out).toMatchObject({ path: 'runbooks/deploy-gateway-v2.md', created: true });
    expect(out.frontMatter).toMatchObject({
      tags: ['deploy', 'api'],
      description: 'Roll out "the" gateway',
      owner: 'sre',
    });
    const file = path.join(root, out.path);
    expect(await fs.readFile(file, 'utf8')).toContain('Service: **api, v2**');

    await fs.writeFile(file, 'edited by hand\n');
    const again = await kb(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^kb: runbooks\/deploy-gateway-v2\.md: file already exists — pass --force/);
    expect(await fs.readFile(file, 'utf8')).toBe('edited by hand\n');
    expect((await kb([...args, '--force'])).code).toBe(0);
    expect(await fs.readFile(file, 'utf8')).toContain('## Rollback');
  });

  it('bad input exits 2 (usage) and writes nothing', async () => {
    const before = await snapshot();
    const unknown = await kbInProcess(['new', 'memo', 'Hello']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown document kind "memo"');
    expect(unknown.stderr).toContain('runbook');
    for (const title of ['', '../../etc/passwd', '/abs/path']) {
      const r = await kbInProcess(['new', 'guide', title]);
      expect(r.code, title).toBe(2);
      expect(r.stderr).toMatch(/^kb: title: /);
    }
    const field = await kbInProcess(['new', 'guide', 'X', '--field', 'colour=red']);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('unknown field "colour"');
    expect((await kbInProcess(['new', 'guide'])).code).toBe(2);
    const typo = await kbInProcess(['new', 'guide', 'X', '--wek', '3']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown option --wek');
    expect((await kbInProcess(['week', '13'])).code).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('--edit opens $VISUAL/$EDITOR on the new file', async () => {
    const saved = process.env.VISUAL;
    process.env.VISUAL = `${JSON.stringify(process.execPath)} -e "require('fs').appendFileSync(process.argv[1], 'edited\\n')"`;
    try {
      const r = await kbInProcess(['new', 'guide', 'Caching', '--edit']);
      expect(r.code).toBe(0);
      expect(await fs.readFile(path.join(root, 'docs/guides/caching.md'), 'utf8')).toMatch(/edited\n$/);
    } finally {
      if (saved === undefined) delete process.env.VISUAL;
      else process.env.VISUAL = saved;
    }
  });

  it('kb list filters by kind, status and week; kb kinds prints a table', async () => {
    expect((await kbInProcess(['new', 'guide', 'Caching', '--week', '2', '--field', 'status=review'])).code).toBe(0);
    expect((await kbInProcess(['new', 'runbook', 'Restart workers'])).code).toBe(0);
    const review = JSON.parse((await kbInProcess(['list', '--status', 'review', '--json'])).stdout).documents;
    expect(review.map((d: { path: string }) => d.path)).toEqual(['docs/guides/caching.md']);
    expect(JSON.parse((await kbInProcess(['list', 'runbook', '--json'])).stdout).documents).toHaveLength(1);
    expect(JSON.parse((await kbInProcess(['list', '--week', '2', '--json'])).stdout).documents).toHaveLength(1);
    expect((await kbInProcess(['list', '--status', 'done'])).code).toBe(2);
    expect((await kbInProcess(['list', '--week', 'x'])).code).toBe(2);
    const kinds = await kbInProcess(['kinds']);
    expect(kinds.stdout).toMatch(/^KIND +FILE +WEEKS +DESCRIPTION\n/);
    expect(kinds.stdout).toContain('runbooks/slug.md');
  });

  it('kb week scaffolds once; a second run (even another day) changes nothing; --dry-run writes nothing', async () => {
    const dry = await kb(['week', '3', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout).created).toHaveLength(4);
    expect(await snapshot()).toEqual({ 'package.json': expect.any(String) });

    const first = await kb(['week', '3', '--json']);
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout)
      .created.map((c: { path: string }) => c.path)
      .sort();
    expect(created).toEqual([
      'docs/guides/service-architecture-guide.md',
      'docs/standards/api-performance-standards.md',
      'reports/2025-01-06-week-3-report.md',
      'runbooks/deployment-runbook.md',
    ]);
    const after = await snapshot();
    const second = await kb(['week', '3'], root, { KB_TODAY: '2025-01-13' });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to create');
    expect(await snapshot()).toEqual(after);

    const list = await kb(['list', '--week', '3', '--json']);
    const docs = JSON.parse(list.stdout).documents as { kind: string; status: string }[];
    expect(docs.map((d) => d.kind).sort()).toEqual(['guide', 'runbook', 'standard', 'weekly-report']);
    const runbooks = await kb(['list', 'runbook']);
    expect(runbooks.stdout).toContain('runbooks/deployment-runbook.md');
    expect((await kb(['list', 'memo'])).code).toBe(2);
  });

  it('kb new adr delegates to the ADR module; kb week 1 lists ADRs instead of inventing one', async () => {
    const r = await kb(['new', 'adr', 'Use Redis Cluster for L2 cache', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'adr',
      number: 1,
      path: 'adr/0001-use-redis-cluster-for-l2-cache.md',
    });
    const week = JSON.parse((await kb(['week', '1', '--json'])).stdout);
    expect(week.listed[0].paths).toEqual(['adr/0001-use-redis-cluster-for-l2-cache.md']);
    expect(week.created).toHaveLength(5);
  });

  it('--help documents every flag', async () => {
    const r = await kb(['new', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--week', '--owner', '--field', '--dry-run', '--force', '--edit', '--json'])
      expect(r.stdout).toContain(flag);
  });
});
