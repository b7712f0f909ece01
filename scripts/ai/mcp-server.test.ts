import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyIngest, planIngest } from '../report/ingest.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kbBin = path.join(repo, 'scripts/bin/kb.mjs');

/** A small knowledge base with one of each thing the tools care about. */
const fixture: Record<string, string> = {
  'docs/index.md': '---\ntitle: Handbook\nslug: /\n---\n\n# Handbook\n\nThe fixture handbook.\n',
  'docs/guides/caching.md': [
    '---',
    'title: Caching guide',
    'kind: guide',
    'status: published',
    'owner: platform',
    'week: 2',
    'date: 2025-01-10',
    'tags: [cache, redis]',
    'description: How the L2 cache works and when to bypass it.',
    '---',
    '',
    '## Tiers',
    '',
    'The L2 cache is a Redis Cluster; see [the decision](../../adr/0002-use-redis-cluster.md).',
    '',
  ].join('\n'),
  'docs/guides/components.mdx': [
    '---',
    'title: Component demo',
    'kind: guide',
    'status: draft',
    'owner: frontend',
    'date: 2025-01-11',
    '---',
    '',
    "import Tabs from '@theme/Tabs';",
    "import TabItem from '@theme/TabItem';",
    '',
    'Install the tools first.',
    '',
    '<Tabs>',
    '  <TabItem value="npm" label="npm">',
    '',
    '  Run `npm ci`.',
    '',
    '  </TabItem>',
    '</Tabs>',
    '',
  ].join('\n'),
  'runbooks/roll-back-a-migration.md': [
    '---',
    'title: Roll back a migration',
    'kind: rollback-procedure',
    'status: review',
    'owner: sre',
    'week: 5',
    'date: 2025-02-07',
    'review-by: 2025-05-07',
    'tags: [migration, rollback]',
    'description: Undo a failed schema migration in under five minutes.',
    '---',
    '',
    '1. Stop the writers.',
    '2. Run the down migration.',
    '',
  ].join('\n'),
  'adr/0001-use-memcached.md':
    '---\nadr: 1\ntitle: Use Memcached for the L2 cache\nstatus: superseded\ndate: 2025-01-03\nsuperseded-by: 2\n---\n\nWe chose Memcached.\n',
  'adr/0002-use-redis-cluster.md':
    '---\nadr: 2\ntitle: Use Redis Cluster for the L2 cache\nstatus: accepted\ndate: 2025-01-08\nsupersedes: [1]\ntags: [cache]\n---\n\nWe chose Redis Cluster for the L2 cache.\n',
  'reports/2025-01-10-week-1.md': [
    '---',
    'title: Week 1 report',
    'kind: weekly-report',
    'status: published',
    'owner: lead',
    'week: 1',
    'date: 2025-01-10',
    'slo-verdicts:',
    '  - { target: api-p99, verdict: pass, value: 84, unit: ms, margin: 16 }',
    '---',
    '',
    'Baselines measured.',
    '',
  ].join('\n'),
};

async function connect(cwd: string): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [kbBin, 'mcp'], cwd, stderr: 'pipe' });
  const client = new Client({ name: 'kb-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
};

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

const textOf = (r: ToolResult) => r.content.map((c) => c.text ?? '').join('\n');

describe('kb mcp on a fixture knowledge base', () => {
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-mcp-'));
    // kb finds its project by this marker, as in a real knowledge base.
    await writeFile(path.join(dir, 'docusaurus.config.ts'), 'export default {};\n');
    for (const [file, content] of Object.entries(fixture)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    client = await connect(dir);
  });

  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the six tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'get_document',
      'list_adrs',
      'list_documents',
      'search',
      'slo_status',
      'week_summary',
    ]);
  });

  it('week_summary answers "what happened in week 1?" from the weekly facts', async () => {
    const r = await call(client, 'week_summary', { week: 1 });
    expect(r.isError).toBeFalsy();
    const text = textOf(r);
    expect(text).toMatch(/^Week 1 \(2025-01-06 to 2025-01-12\), phase 1: Performance Architecture Planning\./);
    // ADR 2 (dated in week 1) is accepted and supersedes ADR 1; the week's report is a published deliverable.
    expect(text).toContain('1 accepted (ADR 2 Use Redis Cluster for the L2 cache)');
    expect(text).toContain('1 superseded');
    const facts = r.structuredContent as { deliverables: { title: string; state: string }[] };
    expect(facts.deliverables.find((d) => d.title === 'Week 1 report')?.state).toBe('published');
    const bad = await call(client, 'week_summary', { week: 13 });
    expect(bad.isError).toBe(true);
  });

  it('search ranks the page that answers the question first, with a snippet', async () => {
    const r = await call(client, 'search', { query: 'how do we roll back a migration' });
    expect(r.isError).toBeFalsy();
    const results = r.structuredContent?.results as { id: string; snippet: string }[];
    expect(results[0]?.id).toBe('runbooks/roll-back-a-migration');
    expect(results[0]?.snippet.length).toBeGreaterThan(0);
    expect(textOf(r)).toContain('Roll back a migration');
  });

  it('search filters by kind and rejects an unknown kind', async () => {
    const r = await call(client, 'search', { query: 'cache', kind: 'adr' });
    expect((r.structuredContent?.results as { kind: string }[]).every((x) => x.kind === 'adr')).toBe(true);
    const bad = await call(client, 'search', { query: 'cache', kind: 'novel' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/unknown kind "novel" — use one of: .*runbook/);
  });

  it('list_documents filters by kind, status, tag and week', async () => {
    const byKind = await call(client, 'list_documents', { kind: 'guide' });
    expect((byKind.structuredContent?.documents as { id: string }[]).map((d) => d.id)).toEqual([
      'docs/guides/caching',
      'docs/guides/components',
    ]);
    const byStatus = await call(client, 'list_documents', { status: 'review' });
    expect((byStatus.structuredContent?.documents as { id: string }[]).map((d) => d.id)).toEqual([
      'runbooks/roll-back-a-migration',
    ]);
    const byTag = await call(client, 'list_documents', { tag: 'cache' });
    expect((byTag.structuredContent?.documents as { id: string }[]).map((d) => d.id).sort()).toEqual([
      'adr/0002-use-redis-cluster',
      'docs/guides/caching',
    ]);
    const byWeek = await call(client, 'list_documents', { week: 1 });
    expect((byWeek.structuredContent?.documents as { id: string }[]).map((d) => d.id)).toEqual([
      'reports/2025-01-10-week-1',
    ]);
  });

  it('list_documents answers bad filters with a tool error, not a crash', async () => {
    const kind = await call(client, 'list_documents', { kind: 'nope' });
    expect(kind.isError).toBe(true);
    expect(textOf(kind)).toContain('unknown kind "nope"');
    const status = await call(client, 'list_documents', { status: 'done' });
    expect(status.isError).toBe(true);
    expect(textOf(status)).toContain('unknown status "done"');
    const week = await call(client, 'list_documents', { week: 13 });
    expect(week.isError).toBe(true);
    // still serving after the errors
    expect((await call(client, 'list_documents', {})).isError).toBeFalsy();
  });

  it('get_document returns readable Markdown with metadata, MDX components turned into text', async () => {
    const r = await call(client, 'get_document', { id: 'docs/guides/components' });
    expect(r.isError).toBeFalsy();
    const md = textOf(r);
    expect(md).toMatch(/^# Component demo\n/);
    expect(md).toContain('- Kind: guide');
    expect(md).toContain('**npm**');
    expect(md).toContain('Run `npm ci`.');
    expect(md).not.toMatch(/^import /m);
    expect(md).not.toContain('<Tab');
    const meta = (r.structuredContent?.metadata ?? {}) as Record<string, unknown>;
    expect(meta).toMatchObject({
      id: 'docs/guides/components',
      kind: 'guide',
      status: 'draft',
      url: '/docs/guides/components',
      uri: 'kb://doc/docs/guides/components',
    });
  });

  it('get_document accepts a URL and points links at Markdown mirrors', async () => {
    const r = await call(client, 'get_document', { id: '/docs/guides/caching' });
    // Docusaurus drops the number prefix from the URL, as it does on the site.
    expect(textOf(r)).toContain('[the decision](/adr/use-redis-cluster.md)');
    expect(textOf(r)).toContain('- Week: 2');
  });

  it('get_document answers an unknown id with a tool error and suggestions', async () => {
    const r = await call(client, 'get_document', { id: 'docs/guides/cachin' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/unknown document id "docs\/guides\/cachin" — did you mean "docs\/guides\/caching"/);
  });

  it('list_adrs shows statuses and the supersede chain', async () => {
    const all = await call(client, 'list_adrs');
    const adrs = all.structuredContent?.adrs as {
      adr: number;
      chain: number[];
      current: number;
      supersededBy: number | null;
    }[];
    expect(adrs.map((a) => [a.adr, a.chain, a.current, a.supersededBy])).toEqual([
      [1, [1, 2], 2, 2],
      [2, [1, 2], 2, null],
    ]);
    expect(textOf(all)).toContain(
      'ADR-0001 Use Memcached for the L2 cache [superseded], superseded by ADR-0002; chain ADR-0001 → ADR-0002',
    );
    const superseded = await call(client, 'list_adrs', { status: 'superseded' });
    expect((superseded.structuredContent?.adrs as { adr: number }[]).map((a) => a.adr)).toEqual([1]);
    const bad = await call(client, 'list_adrs', { status: 'maybe' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('unknown ADR status "maybe"');
  });

  it('slo_status says plainly that nothing can be judged without targets or runs', async () => {
    const r = await call(client, 'slo_status');
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toMatch(/^No SLO status: /);
  });

  it('exposes every document as a kb://doc resource', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(
      Object.keys(fixture)
        .map((f) => `kb://doc/${f.replace(/\.mdx?$/, '')}`)
        .sort(),
    );
    const read = await client.readResource({ uri: 'kb://doc/adr/0002-use-redis-cluster' });
    const text = (read.contents[0] as { text: string }).text;
    expect(text).toMatch(/^# Use Redis Cluster for the L2 cache/);
    expect(text).toContain('- Supersedes: ADR 0001');
    await expect(client.readResource({ uri: 'kb://doc/adr/9999-nothing' })).rejects.toThrow(/unknown document/);
  });
});

describe('kb mcp stdout', () => {
  it('carries nothing but JSON-RPC messages; logs go to stderr', async () => {
    const child = spawn(process.execPath, [kbBin, 'mcp'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const send = (msg: unknown) => child.stdin.write(`${JSON.stringify(msg)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_document', arguments: { id: 'no/such/doc' } },
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer; stderr: ${err}`)), 60_000);
      child.stdout.on('data', () => {
        if (out.includes('"id":2')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    const lines = out.trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(lines.at(-1)!).result).toMatchObject({ isError: true });
    expect(err).toContain('kb mcp: serving');
  });
});

describe('kb mcp on this repository', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(repo);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('serves every tool from the real knowledge base', async () => {
    const search = await call(client, 'search', { query: 'SLO targets', limit: 3 });
    expect(search.isError).toBeFalsy();
    expect((search.structuredContent?.results as unknown[]).length).toBeGreaterThan(0);
    const list = await call(client, 'list_documents', {});
    const docs = list.structuredContent?.documents as { id: string }[];
    expect(docs.length).toBeGreaterThan(5);
    const doc = await call(client, 'get_document', { id: docs[0]!.id });
    expect(doc.isError).toBeFalsy();
    expect(textOf(doc)).toMatch(/^# /);
    expect((await call(client, 'list_adrs')).isError).toBeFalsy();
    const slo = await call(client, 'slo_status');
    expect(slo.isError).toBeFalsy();
    expect(textOf(slo)).toMatch(/p99/i);
    const { resources } = await client.listResources();
    expect(resources.length).toBe(docs.length);
  });
});

describe('kb mcp serves the benchmark views built from benchmarks/', () => {
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kb-mcp-views-'));
    await writeFile(path.join(dir, 'docusaurus.config.ts'), 'export default {};\n');
    await writeFile(path.join(dir, 'slo-targets.yaml'), await readFile(path.join(repo, 'slo-targets.yaml'), 'utf8'));
    for (const [i, value] of [120, 130].entries()) {
      const f = path.join(dir, `r${i}.json`);
      await writeFile(f, JSON.stringify([{ name: 'render', unit: 'ms', value }]));
      await applyIngest(dir, await planIngest(dir, [f], { suite: 'render', now: new Date(Date.UTC(2026, 10, 1 + i)) }));
    }
    client = await connect(dir);
  });

  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('get_document returns a suite history page with a link to every run, and the scorecard', async () => {
    const history = await call(client, 'get_document', { id: '/reports/render-history' });
    expect(history.isError).toBeFalsy();
    const text = textOf(history);
    expect(text).toContain('render: benchmark history');
    expect(text).toContain('/reports/runs/render-20261101t000000');
    expect(text).toContain('/reports/runs/render-20261102t000000');
    expect(text).toMatch(/\*Chart: render trend: render\*/);
    const scorecard = await call(client, 'get_document', { id: 'docs/slos/scorecard' });
    expect(scorecard.isError).toBeFalsy();
    expect(textOf(scorecard)).toContain('SLO scorecard');
  });

  it('search and list_documents include the views', async () => {
    const found = await call(client, 'search', { query: 'render benchmark history' });
    const ids = ((found.structuredContent?.results ?? []) as { id: string }[]).map((r) => r.id);
    expect(ids).toContain('reports/render-history');
    const list = await call(client, 'list_documents', { kind: 'benchmark-history' });
    expect(((list.structuredContent?.documents ?? []) as { id: string }[]).map((d) => d.id)).toEqual([
      'reports/render-history',
    ]);
  });
});
