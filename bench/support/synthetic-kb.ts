// A synthetic knowledge base of N pages, deterministic for a seed: ADRs,
// runbooks, handbook pages (guides, playbooks, standards …) and reports of
// realistic size, with valid front matter (DEVELOPERS.md), tables, code, task
// lists, links to a sibling page and a Mermaid block on every tenth page.
// Used by bench:build, bench:pages --synthetic and the check bench.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

export interface SyntheticKbOptions {
  /** Folder that receives docs/, runbooks/, adr/ and reports/. */
  dir: string;
  /** Number of content pages, not counting the three section index pages. Default 1,000. */
  pages?: number;
  /** Same seed, same pages. Default 1. */
  seed?: number;
}

export type SyntheticSection = 'docs' | 'runbooks' | 'adr' | 'reports';

export interface SyntheticPage {
  section: SyntheticSection;
  /** Path relative to `dir`, POSIX separators. */
  file: string;
  /** Site URL path of the page (trailingSlash: false). */
  url: string;
  kind: string;
  hasMermaid: boolean;
}

export interface SyntheticKb {
  dir: string;
  pages: SyntheticPage[];
  /** Pages per section. */
  counts: Record<SyntheticSection, number>;
  bytes: number;
}

// Share of each section, close to what the programme produces over 12 weeks.
const SECTION_SHARE: [SyntheticSection, number][] = [
  ['docs', 0.45],
  ['runbooks', 0.2],
  ['adr', 0.15],
  ['reports', 0.2],
];
const DOC_KINDS: [kind: string, folder: string][] = [
  ['guide', 'guides'],
  ['playbook', 'playbooks'],
  ['standard', 'standards'],
  ['slo-definition', 'slos'],
  ['architecture-diagrams', 'architecture'],
  ['recommendations', 'recommendations'],
  ['requirements', 'planning'],
  ['api-changes', 'api'],
  ['training-plan', 'training'],
];
const RUNBOOK_KINDS = ['runbook', 'incident-procedure', 'rollback-procedure', 'checklist', 'operational-procedures'];
const RUNBOOK_AREAS = ['api', 'database', 'cache', 'queue', 'search', 'frontend', 'platform'];
const REPORT_KINDS = [
  'weekly-report',
  'benchmark-report',
  'performance-baseline-report',
  'progress-report',
  'scale-test-report',
];
const OWNERS = ['platform-team', 'data-team', 'frontend-team', 'sre', 'api-team', 'qa-team'];
const TAGS = [
  'performance',
  'scalability',
  'stability',
  'database',
  'caching',
  'observability',
  'api',
  'frontend',
  'migration',
  'security',
  'kubernetes',
  'load-testing',
];
const ADR_STATUSES = ['proposed', 'accepted', 'accepted', 'accepted', 'rejected', 'deprecated', 'superseded'];
const PEOPLE = [
  'Ana Ruiz',
  'Ben Okafor',
  'Chen Wei',
  'Dana Levi',
  'Emil Novak',
  'Farah Khan',
  'Goran Ilic',
  'Hana Sato',
];

const NOUNS = [
  'latency',
  'throughput',
  'connection pool',
  'query planner',
  'cache hit ratio',
  'error budget',
  'replica',
  'partition',
  'index',
  'rollout',
  'canary',
  'circuit breaker',
  'rate limiter',
  'message queue',
  'read model',
  'service mesh',
  'load balancer',
  'p99',
  'dashboard',
  'alert',
  'schema',
  'migration',
  'feature flag',
  'worker',
  'shard',
  'snapshot',
  'deployment',
  'trace',
  'span',
  'SLO',
];
const VERBS = [
  'reduces',
  'increases',
  'bounds',
  'stabilises',
  'doubles',
  'halves',
  'hides',
  'exposes',
  'protects',
  'measures',
  'limits',
  'caches',
  'replays',
  'drains',
  'warms',
];
const ADJECTIVES = [
  'steady',
  'cold',
  'warm',
  'regional',
  'synthetic',
  'nightly',
  'peak',
  'degraded',
  'healthy',
  'partitioned',
  'read-heavy',
  'write-heavy',
  'bursty',
  'idle',
];
const TITLE_WORDS = [
  'Redis',
  'PostgreSQL',
  'Kafka',
  'gateway',
  'checkout',
  'search',
  'ingest',
  'billing',
  'session',
  'profile',
  'catalogue',
  'notification',
  'export',
  'auth',
  'analytics',
  'scheduler',
];
const TITLE_TOPICS = [
  'connection pooling',
  'cache warm-up',
  'read replicas',
  'partitioning',
  'rate limiting',
  'blue-green deploys',
  'failover',
  'capacity planning',
  'index tuning',
  'backpressure',
  'retry budgets',
  'schema migration',
  'tracing',
  'autoscaling',
  'bulk export',
  'queue draining',
];

/** mulberry32: tiny deterministic PRNG, enough for text generation. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const some = <T>(list: readonly T[], count: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0] as T);
    return out;
  };
  return { next, int, pick, some };
}
type Random = ReturnType<typeof createRandom>;

function sentence(r: Random): string {
  const s = `The ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} ${r.pick(VERBS)} the ${r.pick(NOUNS)} of the ${r.pick(TITLE_WORDS)} service by ${r.int(2, 60)} % under ${r.int(1, 100)}x load`;
  return `${s}${r.next() < 0.3 ? `, while the ${r.pick(NOUNS)} stays within ${r.int(5, 250)} ms` : ''}.`;
}

function paragraph(r: Random, sentences = r.int(3, 6)): string {
  return Array.from({ length: sentences }, () => sentence(r)).join(' ');
}

function table(r: Random): string {
  const rows = Array.from(
    { length: r.int(4, 8) },
    () =>
      `| ${r.pick(TITLE_WORDS)} ${r.pick(NOUNS)} | ${r.int(5, 400)} ms | ${r.int(50, 20000)} rps | ${(r.next() * 0.5).toFixed(3)} % | ${r.pick(['pass', 'fail', 'at risk'])} |`,
  );
  return ['| Metric | p99 | Throughput | Error rate | Verdict |', '|---|---:|---:|---:|---|', ...rows].join('\n');
}

function codeBlock(r: Random): string {
  const service = r.pick(TITLE_WORDS).toLowerCase();
  const blocks = [
    [
      'bash',
      `kubectl -n ${service} rollout status deploy/${service}-api --timeout=300s\nkubectl -n ${service} get pods -l app=${service}-api -o wide\ncurl -fsS https://${service}.internal/healthz | jq .status`,
    ],
    [
      'yaml',
      `${service}:\n  replicas: ${r.int(2, 24)}\n  resources:\n    requests: { cpu: ${r.int(1, 8)}00m, memory: ${r.int(1, 16)}Gi }\n  pool:\n    max-connections: ${r.int(10, 400)}\n    idle-timeout: ${r.int(5, 120)}s`,
    ],
    [
      'sql',
      `EXPLAIN (ANALYZE, BUFFERS)\nSELECT o.id, o.total, c.region\nFROM orders o JOIN customers c ON c.id = o.customer_id\nWHERE o.created_at > now() - interval '${r.int(1, 30)} days'\nORDER BY o.created_at DESC\nLIMIT ${r.int(10, 500)};`,
    ],
    [
      'python',
      `from locust import HttpUser, task, between\n\nclass ${service[0]!.toUpperCase()}${service.slice(1)}User(HttpUser):\n    wait_time = between(0.${r.int(1, 9)}, ${r.int(1, 3)})\n\n    @task(${r.int(1, 5)})\n    def read(self):\n        self.client.get("/api/${service}?limit=${r.int(10, 100)}")`,
    ],
    [
      'json',
      JSON.stringify(
        { service, p50: r.int(5, 40), p95: r.int(40, 90), p99: r.int(80, 200), rps: r.int(500, 12000) },
        null,
        2,
      ),
    ],
  ] as const;
  const [lang, code] = r.pick(blocks);
  return `\`\`\`${lang}\n${code}\n\`\`\``;
}

function mermaid(r: Random): string {
  const [a, b, c, d] = r.some(TITLE_WORDS, 4);
  return [
    '```mermaid',
    'flowchart LR',
    `  client[Client] --> gw[${a} gateway]`,
    `  gw --> svc[${b} service]`,
    `  svc --> cache[(${c} cache)]`,
    `  svc --> db[(${d} database)]`,
    `  svc -. events .-> queue[[Queue]]`,
    '```',
  ].join('\n');
}

function isoDate(dayOffset: number): string {
  return new Date(Date.UTC(2025, 0, 6) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

/** Docusaurus' URL of a doc file: number prefixes (`0001-`) are not part of it. */
function docUrlOf(file: string): string {
  return `/${file
    .replace(/\.md$/, '')
    .split('/')
    .map((segment) => segment.replace(/^\d+-/, ''))
    .join('/')}`;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function body(r: Random, title: string, withMermaid: boolean, sibling: string | undefined, headings: string[]): string {
  const parts = [`# ${title}`, '', paragraph(r), ''];
  headings.forEach((heading, i) => {
    parts.push(`## ${heading}`, '', paragraph(r), '');
    if (i === 0) parts.push(table(r), '');
    if (i === 1) parts.push(codeBlock(r), '', paragraph(r, 2), '');
    if (i === 2)
      parts.push(...Array.from({ length: r.int(3, 6) }, () => `- [${r.next() < 0.5 ? 'x' : ' '}] ${sentence(r)}`), '');
    if (i === 3) parts.push(...Array.from({ length: r.int(3, 5) }, (_, n) => `${n + 1}. ${sentence(r)}`), '');
  });
  if (withMermaid) parts.push('## Diagram', '', mermaid(r), '');
  if (sibling) parts.push('## See also', '', `- [The previous page of this section](${sibling})`, '');
  return parts.join('\n');
}

function frontMatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, { lineWidth: 0 }).trimEnd()}\n---\n\n`;
}

function sectionCounts(total: number): Record<SyntheticSection, number> {
  const counts = { docs: 0, runbooks: 0, adr: 0, reports: 0 };
  let assigned = 0;
  for (const [section, share] of SECTION_SHARE) {
    counts[section] = Math.floor(total * share);
    assigned += counts[section];
  }
  counts.docs += total - assigned;
  return counts;
}

const INDEX_PAGES: Record<Exclude<SyntheticSection, 'reports'>, string> = {
  docs: '---\ntitle: Handbook\nslug: /\nsidebar_position: 1\n---\n\n# Synthetic handbook\n\nGuides, playbooks, standards and plans of the synthetic knowledge base.\n',
  runbooks:
    '---\ntitle: Runbooks\nslug: /\nsidebar_position: 1\n---\n\n# Synthetic runbooks\n\nOperational runbooks of the synthetic knowledge base.\n',
  adr: '---\ntitle: Decisions\nslug: /\nsidebar_position: 1\n---\n\n# Synthetic decisions\n\nArchitecture decision records of the synthetic knowledge base.\n',
};

/** Writes N synthetic pages into dir/{docs,runbooks,adr,reports}. */
export async function generateSyntheticKb(options: SyntheticKbOptions): Promise<SyntheticKb> {
  const dir = path.resolve(options.dir);
  const total = options.pages ?? 1000;
  const r = createRandom(options.seed ?? 1);
  const counts = sectionCounts(total);
  const pages: SyntheticPage[] = [];
  const files: [string, string][] = [];
  for (const [section, content] of Object.entries(INDEX_PAGES)) files.push([`${section}/index.md`, content]);

  let index = 0;
  const next = () => index++;
  const lastInFolder = new Map<string, string>();
  const add = (page: SyntheticPage, content: string) => {
    pages.push(page);
    files.push([page.file, content]);
    lastInFolder.set(path.posix.dirname(page.file), path.posix.basename(page.file));
  };
  const siblingOf = (file: string) => {
    const previous = lastInFolder.get(path.posix.dirname(file));
    return previous ? `./${previous}` : undefined;
  };
  const titleFor = () => `${r.pick(TITLE_WORDS)} ${r.pick(TITLE_TOPICS)}`;

  for (let i = 0; i < counts.docs; i++) {
    const n = next();
    const [kind, folder] = DOC_KINDS[i % DOC_KINDS.length]!;
    const title = `${titleFor()} ${kind.replace(/-/g, ' ')} ${i + 1}`;
    const file = `docs/${folder}/${String(i + 1).padStart(4, '0')}-${slugify(title)}.md`;
    const hasMermaid = n % 10 === 0;
    const fm = frontMatter({
      title,
      kind,
      status: r.pick(['draft', 'review', 'published', 'published']),
      owner: r.pick(OWNERS),
      week: r.int(1, 12),
      date: isoDate(r.int(0, 84)),
      tags: r.some(TAGS, r.int(1, 3)),
      description: sentence(r),
    });
    add(
      { section: 'docs', file, url: docUrlOf(file), kind, hasMermaid },
      fm + body(r, title, hasMermaid, siblingOf(file), ['Context', 'How it works', 'Checklist', 'Steps', 'Trade-offs']),
    );
  }
  for (let i = 0; i < counts.runbooks; i++) {
    const n = next();
    const kind = RUNBOOK_KINDS[i % RUNBOOK_KINDS.length]!;
    const area = RUNBOOK_AREAS[i % RUNBOOK_AREAS.length]!;
    const title = `${titleFor()} ${kind.replace(/-/g, ' ')} ${i + 1}`;
    const file = `runbooks/${area}/${String(i + 1).padStart(4, '0')}-${slugify(title)}.md`;
    const hasMermaid = n % 10 === 0;
    const date = r.int(0, 84);
    const fm = frontMatter({
      title,
      kind,
      status: r.pick(['draft', 'review', 'published', 'published']),
      owner: r.pick(OWNERS),
      week: r.int(1, 12),
      date: isoDate(date),
      'review-by': isoDate(date + 90),
      tags: r.some(TAGS, r.int(1, 3)),
      description: sentence(r),
    });
    add(
      { section: 'runbooks', file, url: docUrlOf(file), kind, hasMermaid },
      fm +
        body(r, title, hasMermaid, siblingOf(file), [
          'Preconditions',
          'Steps',
          'Verification',
          'Rollback',
          'Escalation',
        ]),
    );
  }
  const usedAdrTitles = new Set<string>();
  for (let i = 0; i < counts.adr; i++) {
    const n = next();
    const number = i + 1;
    // Docusaurus drops the NNNN- prefix from doc ids, so ADR titles (slugs) must be unique.
    let title = `Use ${r.pick(TITLE_WORDS)} for ${r.pick(TITLE_TOPICS)}`;
    for (let attempt = 0; usedAdrTitles.has(title); attempt++) {
      title = attempt < 5 ? `Use ${r.pick(TITLE_WORDS)} for ${r.pick(TITLE_TOPICS)}` : `${title} ${number}`;
    }
    usedAdrTitles.add(title);
    const file = `adr/${String(number).padStart(4, '0')}-${slugify(title)}.md`;
    const hasMermaid = n % 10 === 0;
    const status = r.pick(ADR_STATUSES);
    const fm = frontMatter({
      title,
      adr: number,
      status,
      date: isoDate(r.int(0, 84)),
      'decision-makers': r.some(PEOPLE, 2),
      consulted: r.some(PEOPLE, 2),
      informed: ['engineering'],
      tags: r.some(TAGS, r.int(1, 3)),
      supersedes: number > 3 && r.next() < 0.1 ? [number - 2] : [],
      ...(status === 'superseded' ? { 'superseded-by': number + 1 } : {}),
      links: number > 1 ? [{ type: 'relates-to', target: number - 1 }] : [],
      description: sentence(r),
    });
    add(
      { section: 'adr', file, url: docUrlOf(file), kind: 'adr', hasMermaid },
      fm +
        body(r, title, hasMermaid, siblingOf(file), [
          'Context and problem statement',
          'Considered options',
          'Decision outcome',
          'Consequences',
        ]),
    );
  }
  for (let i = 0; i < counts.reports; i++) {
    const n = next();
    const kind = REPORT_KINDS[i % REPORT_KINDS.length]!;
    const day = i % 365;
    const date = isoDate(day);
    const title = `${kind.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase())}: ${r.pick(TITLE_WORDS)} ${i + 1}`;
    const slug = `${slugify(title)}`;
    const file = `reports/${date}-${slug}.md`;
    const hasMermaid = n % 10 === 0;
    const fm = frontMatter({
      title,
      kind,
      status: 'published',
      owner: r.pick(OWNERS),
      week: (i % 12) + 1,
      date,
      tags: r.some(TAGS, r.int(1, 3)),
      description: sentence(r),
    });
    const text = body(r, title, hasMermaid, undefined, ['Summary', 'Method', 'Findings', 'Next steps']);
    // The intro paragraph is the excerpt on the list pages.
    const [heading, ...rest] = text.split('\n\n');
    add(
      { section: 'reports', file, url: `/reports/${date.replace(/-/g, '/')}/${slug}`, kind, hasMermaid },
      `${fm}${heading}\n\n${rest[0]}\n\n<!-- truncate -->\n\n${rest.slice(1).join('\n\n')}`,
    );
  }

  let bytes = 0;
  const folders = new Set(files.map(([file]) => path.dirname(path.join(dir, file))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  for (const [file, content] of files) {
    bytes += Buffer.byteLength(content);
    await writeFile(path.join(dir, file), content);
  }
  return { dir, pages, counts, bytes };
}
