import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli/main.ts';
import { parseMarkdown } from '../core/front-matter.ts';
import { isKbError } from '../core/errors.ts';
import { applyIngest, ingest, planIngest } from './ingest.ts';
import { parseRunPageHtml } from './run-page-format.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const bench = path.resolve(here, '../../fixtures/bench-local');
const hostileCsv = path.resolve(here, '../ingest/test-fixtures/locust-crlf-bom-hostile-names_stats.csv');
let dir: string;

async function tree(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(root, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(path.relative(root, path.join(e.parentPath, e.name)));
  return out.sort();
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-ingest-'));
  await fs.copyFile(path.resolve(here, '../../slo-targets.yaml'), path.join(dir, 'slo-targets.yaml'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

/** What the CLI writes to stderr from now until the test ends (as scripts/cli/args.test.ts captures it). */
function captureStderr(): { text: () => string } {
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  return { text: () => err };
}

const locust1x = ['stats', 'stats_history', 'failures'].map((p) => path.join(bench, `locust-1x_${p}.csv`));

describe('planIngest / applyIngest', () => {
  it('is all-or-nothing: a bad second file writes nothing', async () => {
    const bad = path.join(dir, 'truncated.json');
    await fs.writeFile(bad, '{"results": [{"command": "x", "mean": 0.1');
    const err = await planIngest(dir, [...locust1x, bad], { suite: 'sample-api', label: '1x', now: new Date() }).catch(
      (e: unknown) => e,
    );
    expect(isKbError(err) && err.code).toBe('INVALID_INPUT');
    expect(isKbError(err) && err.format()).toContain('truncated.json');
    expect(await tree(dir)).toEqual(['slo-targets.yaml', 'truncated.json']);
  });

  it('stores the run and writes its own report page only, and is idempotent', async () => {
    const plan = await planIngest(dir, locust1x, {
      suite: 'sample-api',
      label: '1x',
      now: new Date('2026-11-26T06:00:00Z'),
    });
    await applyIngest(dir, plan);
    const files = await tree(dir);
    // The scorecard, history and scale views are built with the site, never written by ingest.
    // Three files: the run, its page's Markdown and the HTML the site serves.
    expect(files.filter((f) => f !== 'slo-targets.yaml')).toHaveLength(3);
    expect(files.filter((f) => f.startsWith('benchmarks/'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('reports/runs/')).sort()).toEqual([
      expect.stringMatching(/^reports\/runs\/sample-api-\d{8}t\d{6}-1x\.html$/),
      expect.stringMatching(/^reports\/runs\/sample-api-\d{8}t\d{6}-1x\.md$/),
    ]);
    const report = files.find((f) => f.startsWith('reports/') && f.endsWith('.md'))!;
    const page = parseMarkdown(await fs.readFile(path.join(dir, report), 'utf8'));
    expect(page.data).toMatchObject({ kind: 'benchmark-report', status: 'published', suite: 'sample-api' });
    expect(page.data['slo-verdicts']).toContainEqual({
      target: 'api-p99',
      verdict: 'pass',
      value: 68,
      unit: 'ms',
      margin: 32,
    });
    const again = await planIngest(dir, locust1x, {
      suite: 'sample-api',
      label: '1x',
      now: new Date('2026-11-26T07:00:00Z'),
    });
    expect(again.runs[0]!.status).toBe('unchanged');
    expect(again.writes).toEqual([]);
  });

  it('renders hostile operation names literally, as text, in the page the site serves', async () => {
    await applyIngest(
      dir,
      await planIngest(dir, [hostileCsv], { suite: 'hostile', now: new Date('2026-11-26T06:00:00Z') }),
    );
    const report = (await tree(dir)).find((f) => f.startsWith('reports/') && f.endsWith('.html'))!;
    const html = await fs.readFile(path.join(dir, report), 'utf8');
    const page = parseRunPageHtml(html)!;
    // Tool text is text: the angle brackets come out as character references, never as tags.
    expect(page.article).toContain('&lt;/div&gt;&#123;x&#125;|&lt;script&gt;'); // table cell text
    expect(page.article).toContain('back-ticks');
    expect(page.article).not.toMatch(/<script|<\/div>\{x\}/);
    expect(page.article).toContain('<svg');
    expect(page.meta.frontMatter.suite).toBe('hostile');
  });
});

describe('ingest at scale and in parallel', () => {
  const generic = (value: number) => JSON.stringify([{ name: 'render', unit: 'ms', value }]);

  it('writes the run and its page only, and never rewrites an earlier page, however long the history', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 6; i++) {
      const f = path.join(dir, `r${i}.json`);
      await fs.writeFile(f, generic(10 + i));
      const plan = await planIngest(dir, [f], { suite: 'g', now: new Date(Date.UTC(2026, 10, 1, 0, i)) });
      expect(plan.writes.map((w) => w.status)).toEqual(['new', 'new', 'new']);
      await applyIngest(dir, plan);
      for (const w of plan.writes) if (w.path.startsWith('reports/')) pages[w.path] = w.content;
    }
    for (const [file, content] of Object.entries(pages))
      expect(await fs.readFile(path.join(dir, file), 'utf8')).toBe(content);
    // --regenerate rebuilds exactly the pages ingest wrote: each says what was known when it was made.
    const { planRegenerate } = await import('./ingest.ts');
    expect((await planRegenerate(dir)).writes).toEqual([]);
  });

  it('--regenerate writes the run pages of the new layout and removes those of the old one (blog posts)', async () => {
    const f = path.join(dir, 'r.json');
    await fs.writeFile(f, generic(10));
    const plan = await planIngest(dir, [f], { suite: 'g', now: new Date(Date.UTC(2026, 10, 1)) });
    await applyIngest(dir, plan);
    const id = plan.runs[0]!.run.id;
    // As an earlier kb left it: the page as a dated blog post, and no page under reports/runs/.
    const legacy = `reports/2026-11-01-${id}.mdx`;
    await fs.writeFile(path.join(dir, legacy), '---\ntitle: old\n---\n');
    await fs.rm(path.join(dir, 'reports/runs'), { recursive: true });
    const { planRegenerate } = await import('./ingest.ts');
    const regen = await planRegenerate(dir);
    expect(regen.writes.map((w) => w.path).sort()).toEqual([`reports/runs/${id}.html`, `reports/runs/${id}.md`]);
    expect(regen.removes).toEqual([legacy]);
    await applyIngest(dir, regen);
    expect((await tree(dir)).filter((p) => p.startsWith('reports/')).sort()).toEqual([
      `reports/runs/${id}.html`,
      `reports/runs/${id}.md`,
    ]);
    expect((await planRegenerate(dir)).removes).toBeUndefined();
  });

  it('gives a different run with the same suite, label and second an id of its own instead of failing', async () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    await fs.writeFile(a, generic(10));
    await fs.writeFile(b, generic(11));
    const now = new Date('2026-11-01T00:00:00Z');
    const first = await ingest(dir, [a], { suite: 'g', label: 'ci', now });
    const second = await ingest(dir, [b], { suite: 'g', label: 'ci', now });
    expect(first.runs[0]!.run.id).toBe('g-20261101t000000-ci');
    expect(second.runs[0]!.run.id).toBe('g-20261101t000000-ci-2');
    expect(second.runs[0]!.status).toBe('stored');
    // The same source again is the same run, whichever id it got.
    expect((await planIngest(dir, [b], { suite: 'g', label: 'ci', now })).runs[0]!.status).toBe('unchanged');
    expect((await tree(dir)).filter((f) => f.startsWith('benchmarks/'))).toEqual([
      'benchmarks/g-20261101t000000-ci-2.json',
      'benchmarks/g-20261101t000000-ci.json',
    ]);
  });

  it('knows a tool output without a start time when it is ingested again later (a retried CI job)', async () => {
    const hyperfine = path.join(bench, 'hyperfine-cli.json');
    const at = (hour: number) => new Date(`2026-11-26T0${hour}:00:00Z`);
    const first = await ingest(dir, [hyperfine], { suite: 'cli', label: 'ci', now: at(1) });
    expect(first.runs[0]!.status).toBe('stored');
    const stored = await tree(dir);
    // An hour later, same bytes: the run it already is, nothing written.
    const again = await planIngest(dir, [hyperfine], { suite: 'cli', label: 'ci', now: at(2) });
    expect(again.runs[0]!.status).toBe('unchanged');
    expect(again.runs[0]!.run.id).toBe(first.runs[0]!.run.id);
    expect(again.writes).toEqual([]);
    // --force stores it again in its place, under the same id.
    const forced = await planIngest(dir, [hyperfine], { suite: 'cli', label: 'ci', now: at(3), force: true });
    // Its time stays the first ingest's: the id's stamp is the run's time, which ingest reads history by.
    expect(forced.runs[0]).toMatchObject({
      status: 'replaced',
      run: { id: first.runs[0]!.run.id, ingestedAt: first.runs[0]!.run.ingestedAt },
    });
    expect(forced.writes.map((w) => w.path)).toContain(`benchmarks/${first.runs[0]!.run.id}.json`);
    // Under another label it is another series: stored.
    expect((await planIngest(dir, [hyperfine], { suite: 'cli', label: 'nightly', now: at(4) })).runs[0]!.status).toBe(
      'stored',
    );
    expect(await tree(dir)).toEqual(stored);
    // Generic values files repeat their bytes for distinct runs of a steady benchmark: each is a run.
    const g = path.join(dir, 'g.json');
    await fs.writeFile(g, generic(10));
    await ingest(dir, [g], { suite: 'g', now: at(1) });
    expect((await planIngest(dir, [g], { suite: 'g', now: at(2) })).runs[0]!.status).toBe('stored');
  });

  /** A suite `cli` with one hyperfine run at minute 0, label `ci`, then `runs` copies a minute apart. */
  async function longHistory(runs: number, baselineAt?: number) {
    const hyperfine = path.join(bench, 'hyperfine-cli.json');
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 1, 0, m));
    const stamp = (m: number) =>
      minute(m)
        .toISOString()
        .replace(/[-:]|\.\d+/g, '')
        .replace('T', 't')
        .slice(0, 15);
    const file = (m: number, label = 'ci') => path.join(dir, `benchmarks/cli-${stamp(m)}-${label}.json`);
    const first = await ingest(dir, [hyperfine], { suite: 'cli', label: 'ci', now: minute(0) });
    const template = JSON.parse(await fs.readFile(path.join(dir, `benchmarks/${first.runs[0]!.run.id}.json`), 'utf8'));
    const write = async (m: number, label: string, extra: object = {}) => {
      const run = {
        ...template,
        id: `cli-${stamp(m)}-${label}`,
        ingestedAt: minute(m).toISOString(),
        source: { ...template.source, sha256: `${m}`.padStart(64, '0') },
        labels: { ...template.labels, label, ...extra },
      };
      await fs.writeFile(file(m, label), `${JSON.stringify(run, null, 2)}\n`);
    };
    for (let m = 1; m <= runs; m++) await write(m, 'ci', m === baselineAt ? { baseline: true } : {});
    // Another label of the same suite: not read for `ci`.
    for (let m = 1; m <= 50; m++) await write(m, 'nightly');
    const next = (m: number) => planIngest(dir, [hyperfine], { suite: 'cli', label: 'ci', now: minute(m) });
    return { stamp, file, next };
  }

  it('reads a bounded tail of a long history, and writes the page --regenerate writes', async () => {
    const { stamp, file, next } = await longHistory(130, 10);
    // A broken run far back: ingest does not read it (a run looks back at HISTORY_LOOKBACK = 100 runs).
    const oldText = await fs.readFile(file(5), 'utf8');
    await fs.writeFile(file(5), '{"broken": ');
    const plan = await next(300);
    expect(plan.runs[0]).toMatchObject({ status: 'stored', run: { id: `cli-${stamp(300)}-ci` } });
    await applyIngest(dir, plan);
    const page = plan.writes.find((w) => w.path.endsWith('.md'))!.content;
    // The --baseline run is 121 runs back: out of the lookback, so no baseline; the previous run is the newest.
    expect(page).toContain(`cli-${stamp(130)}-ci`);
    expect(page).not.toContain(`cli-${stamp(10)}-ci`);
    // With every run readable again, --regenerate reads them all and writes the same page for the new run.
    await fs.writeFile(file(5), oldText);
    const { planRegenerate } = await import('./ingest.ts');
    const regenerated = await planRegenerate(dir);
    expect(regenerated.writes.filter((w) => w.path.includes(`cli-${stamp(300)}-ci`))).toEqual([]);
    expect(regenerated.writes.length).toBeGreaterThan(0);
  });

  it("reads the whole suite when a run's time is not the one its file name says (a hand-edited file)", async () => {
    const { file, next } = await longHistory(110);
    await fs.writeFile(file(5), '{"broken": ');
    expect((await next(300)).runs[0]!.status).toBe('stored');
    // The newest run's time written with an offset (the same instant): its name no longer gives its UTC second,
    // so the order of names cannot be trusted and every run of the suite is read, the broken one too.
    const newest = JSON.parse(await fs.readFile(file(110), 'utf8'));
    await fs.writeFile(file(110), JSON.stringify({ ...newest, ingestedAt: '2026-11-01T03:50:00+02:00' }));
    const err = await next(300).catch((e: unknown) => e);
    expect(isKbError(err) && err.format()).toContain(path.basename(file(5)));
  });

  it('a broken stored run of the suite stops the ingest with one line naming it, and nothing is written', async () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    await fs.writeFile(a, generic(10));
    await fs.writeFile(b, generic(11));
    await ingest(dir, [a], { suite: 'g', now: new Date('2026-11-01T00:00:00Z') });
    const stored = path.join(dir, 'benchmarks/g-20261101t000000.json');
    const run = JSON.parse(await fs.readFile(stored, 'utf8'));
    // Valid JSON, but not a run any more: the previous run, which the new page compares with.
    await fs.writeFile(stored, JSON.stringify({ ...run, operations: 'none' }));
    const before = await tree(dir);
    const err = await ingest(dir, [b], { suite: 'g', now: new Date('2026-11-02T00:00:00Z') }).catch((e: unknown) => e);
    expect(isKbError(err) && err.code).toBe('INVALID_INPUT');
    expect(isKbError(err) && err.format()).toContain('benchmarks/g-20261101t000000.json');
    expect(await tree(dir)).toEqual(before);
    await fs.writeFile(stored, '{');
    const notJson = await ingest(dir, [b], { suite: 'g', now: new Date('2026-11-02T00:00:00Z') }).catch(
      (e: unknown) => e,
    );
    expect(isKbError(notJson) && notJson.format()).toContain('not valid JSON');
  });

  it('re-plans when another process stores under the chosen id between plan and apply', async () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    await fs.writeFile(a, generic(10));
    await fs.writeFile(b, generic(11));
    const now = new Date('2026-11-01T00:00:00Z');
    const planB = await planIngest(dir, [b], { suite: 'g', now });
    await ingest(dir, [a], { suite: 'g', now }); // takes g-20261101t000000 first
    const err = await applyIngest(dir, planB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((await tree(dir)).filter((f) => f.startsWith('reports/'))).toHaveLength(2); // nothing of B was written
    const stored = await ingest(dir, [b], { suite: 'g', now });
    expect(stored.runs[0]!.run.id).toBe('g-20261101t000000-2');
  });
});

describe('kb ingest (CLI)', () => {
  const generic = (value: number) => JSON.stringify([{ name: 'render', unit: 'ms', value }]);

  it('--dry-run writes nothing', async () => {
    const f = path.join(dir, 'a.json');
    await fs.writeFile(f, generic(10));
    expect(await main(['ingest', f, '--suite', 'g', '--dry-run', '--root', dir], { cwd: dir, env: {} })).toBe(0);
    expect(await tree(dir)).toEqual(['a.json', 'slo-targets.yaml']);
  });

  it('--fail-on-regression: a slow run waits for the next to confirm it, which exits 3 and still writes both', async () => {
    // Ten steady runs let the window rule know the noise (fewer: warming up, nothing gates).
    for (const [i, v] of [10, 10.2, 9.9, 10.1, 10, 10.1, 9.9, 10, 10.2, 10].entries()) {
      const f = path.join(dir, `steady-${i}.json`);
      await fs.writeFile(f, generic(v));
      const now = new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000);
      await applyIngest(dir, await planIngest(dir, [f], { suite: 'g', now }));
    }
    const stderr = captureStderr();
    const slow = async (name: string, value: number) => {
      const f = path.join(dir, name);
      await fs.writeFile(f, generic(value));
      return main(['ingest', f, '--suite', 'g', '--fail-on-regression', '--root', dir], { cwd: dir, env: {} });
    };
    // The page the last ingest wrote (two ingests in one second: ids -N apart, names do not sort by time).
    let seen = new Set(await tree(dir));
    const latestPage = async () => {
      const now = await tree(dir);
      const page = now.find((f) => f.startsWith('reports/') && f.endsWith('.md') && !seen.has(f))!;
      seen = new Set(now);
      return fs.readFile(path.join(dir, page), 'utf8');
    };
    // The first slow run is outside the band: shown, not gating (it could be one busy minute).
    expect(await slow('b.json', 20)).toBe(0);
    const first = await latestPage();
    expect(first).toContain('| ⚠ outside the band: 1 of 2 consecutive runs needed |');
    expect(first).toContain(
      'None flagged yet: 1 gated metric(s) outside the noise band; flagged once 2 consecutive runs are.',
    );
    // The second confirms it: exit 3, and both runs are stored.
    expect(await slow('c.json', 20.1)).toBe(3);
    expect(stderr.text()).toMatch(/regression/);
    expect((await tree(dir)).filter((f) => f.startsWith('benchmarks/'))).toHaveLength(12);
    const latest = await latestPage();
    expect(latest).toContain('render trend: g'); // trend chart over the comparable runs
    // The page says why: value, window median, change, noise band, rule and window.
    expect(latest).toMatch(
      /⚠ render render: value 20.1 ms, baseline 10 ms \\\(median of 11 runs\\\), change \\\+101 %, noise band [\d.]+ ms – [\d.]+ ms/,
    );
    expect(latest).toContain('Rule: median ± 3.5·MAD');
    expect(latest).toContain('flagged when 2 consecutive runs are outside the band');
    // …and the table of every gated metric against the window.
    expect(latest).toContain('| render | render | 20.1 ms | 10 ms \\(median of 11\\) | \\+101 % |');
    expect(latest).toContain('| ❌ regression |');
  });

  it('--tool-version fills the version an output does not record; a bad one is exit 2 with nothing written', async () => {
    const f = path.join(dir, 'v.json');
    await fs.writeFile(f, generic(10));
    const stderr = captureStderr();
    const run = (version: string) =>
      main(['ingest', f, '--suite', 'g', '--tool-version', version, '--root', dir], { cwd: dir, env: {} });
    expect(await run('1.15 beta')).toBe(2);
    expect(stderr.text()).toMatch(/"1.15 beta" is not a version/);
    expect((await tree(dir)).filter((p) => p.startsWith('benchmarks/'))).toEqual([]);
    expect(await run('v1.15.0')).toBe(0);
    const [stored] = (await tree(dir)).filter((p) => p.startsWith('benchmarks/'));
    expect(JSON.parse(await fs.readFile(path.join(dir, stored!), 'utf8')).tool.version).toBe('1.15.0');
  });

  it('bad input: one line naming the file, exit 1, nothing written', async () => {
    const f = path.join(dir, 'empty.json');
    await fs.writeFile(f, '');
    const stderr = captureStderr();
    expect(await main(['ingest', f, '--root', dir], { cwd: dir, env: {} })).toBe(1);
    expect(stderr.text().trim().split('\n')).toHaveLength(1);
    expect(stderr.text()).toContain('empty.json');
    expect(await tree(dir)).toEqual(['empty.json', 'slo-targets.yaml']);
  });
});
