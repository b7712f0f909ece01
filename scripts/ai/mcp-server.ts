/**
 * `kb mcp`: a Model Context Protocol server over stdio (official SDK) that
 * answers from the source tree, no build needed. Tools: search,
 * list_documents, get_document, list_adrs, slo_status, week_summary; every document is a
 * resource `kb://doc/<id>`. Only the protocol writes to stdout; logs go to
 * stderr. Sources are re-read on each request, so edits show up at once.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { adrStatuses, documentStatuses, kindIds } from '../catalog/catalog.ts';
import { adrLabel, renderAdrList, summarizeAdrs } from './adrs.ts';
import { findRecord, loadKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';
import { renderMirror } from './markdown.ts';
import type { PageRecord } from './records.ts';
import { buildSearchIndex, type SearchIndex } from './search.ts';
import { loadSloStatus } from './slo.ts';
import { loadWeekFacts } from '../week/load.ts';
import { summarizeFacts } from '../week/render.ts';

export interface KbMcpOptions {
  root: string;
  version?: string;
  log?: (message: string) => void;
}

function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

function result(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

function documentSummary(r: PageRecord) {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    week: r.week,
    date: r.date,
    owner: r.owner,
    tags: r.tags,
    description: r.description,
    url: r.url,
    markdownUrl: r.markdownUrl,
    uri: documentUri(r.id),
  };
}

export const documentUri = (id: string): string => `kb://doc/${id}`;

export function createKbMcpServer(options: KbMcpOptions): McpServer {
  const log = options.log ?? ((m: string) => process.stderr.write(`kb mcp: ${m}\n`));
  const server = new McpServer(
    { name: 'sophia-kb', title: 'Sophia KB', version: options.version ?? '0.1.0' },
    {
      instructions:
        'The Sophia knowledge base: handbook, ADRs, runbooks, playbooks and benchmark reports of a 12-week performance programme. Use `search` for questions, `get_document` to read a page, `list_adrs` for decisions, `slo_status` for the latest SLO verdicts and `week_summary` for what happened in a plan week.',
    },
  );

  let cached: { kb: KnowledgeBase; index?: SearchIndex } | undefined;
  async function knowledgeBase(): Promise<{ kb: KnowledgeBase; index: () => SearchIndex }> {
    const kb = await loadKnowledgeBase(options.root);
    if (!cached || cached.kb.fingerprint !== kb.fingerprint) {
      for (const p of kb.problems) log(`skipped ${p.path}: ${p.message}`);
      cached = { kb };
    }
    const entry = cached;
    return { kb: entry.kb, index: () => (entry.index ??= buildSearchIndex(entry.kb.records)) };
  }
  /** Catalog kinds, plus any kind a document declares (and `page` for plain pages). */
  function knownKinds(kb: KnowledgeBase): string[] {
    return [...new Set([...kindIds, ...kb.records.map((r) => r.kind)])].sort();
  }

  server.registerTool(
    'search',
    {
      title: 'Search the knowledge base',
      description:
        'Full-text search over every document (title, tags and description weigh most). Returns the best matches with a snippet each; read one with get_document.',
      inputSchema: {
        query: z.string().trim().min(1).describe('words or a question, e.g. "what is our p99 target"'),
        limit: z.number().int().min(1).max(50).default(5).describe('how many results (default 5)'),
        kind: z.string().optional().describe('only documents of this catalog kind, e.g. runbook'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ query, limit, kind }) => {
      const { kb, index } = await knowledgeBase();
      if (kind !== undefined && !knownKinds(kb).includes(kind))
        return toolError(`unknown kind "${kind}" — use one of: ${knownKinds(kb).join(', ')}`);
      const hits = index().search(query, { limit, kind });
      const text = hits.length
        ? hits.map((h, i) => `${i + 1}. ${h.title} (${h.kind}) — id: ${h.id}\n   ${h.url}\n   ${h.snippet}`).join('\n')
        : `No document matches "${query}".`;
      return result(text, { query, results: hits });
    },
  );

  server.registerTool(
    'list_documents',
    {
      title: 'List documents',
      description:
        'Lists documents, optionally filtered by catalog kind, status, tag and plan week (all filters combine).',
      inputSchema: {
        kind: z.string().optional().describe('catalog kind id, e.g. runbook, guide, adr, weekly-report'),
        status: z
          .string()
          .optional()
          .describe('draft | review | published (ADRs: proposed | accepted | rejected | deprecated | superseded)'),
        tag: z.string().optional(),
        week: z.number().int().min(1).max(12).optional().describe('plan week 1–12'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ kind, status, tag, week }) => {
      const { kb } = await knowledgeBase();
      const known = knownKinds(kb);
      if (kind !== undefined && !known.includes(kind))
        return toolError(`unknown kind "${kind}" — use one of: ${known.join(', ')}`);
      const statuses: readonly string[] = [...documentStatuses, ...adrStatuses];
      if (status !== undefined && !statuses.includes(status))
        return toolError(`unknown status "${status}" — use one of: ${statuses.join(', ')}`);
      const docs = kb.records.filter(
        (r) =>
          (kind === undefined || r.kind === kind) &&
          (status === undefined || r.status === status) &&
          (tag === undefined || r.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) &&
          (week === undefined || r.week === week),
      );
      const text = docs.length
        ? docs
            .map(
              (r) =>
                `- ${r.title} (${r.kind}${r.status ? `, ${r.status}` : ''}${r.week ? `, week ${r.week}` : ''}) — id: ${r.id}`,
            )
            .join('\n')
        : 'No documents match these filters.';
      return result(text, { count: docs.length, documents: docs.map(documentSummary) });
    },
  );

  server.registerTool(
    'get_document',
    {
      title: 'Read a document',
      description:
        'Returns one document as readable Markdown (MDX components turned into text) with its metadata. Accepts an id from search/list_documents, a source path, or a page URL.',
      inputSchema: { id: z.string().trim().min(1).describe('document id, e.g. docs/plan/phase-1/week-04') },
      annotations: { readOnlyHint: true },
    },
    async ({ id }) => {
      const { kb, index } = await knowledgeBase();
      const record = findRecord(kb, id);
      if (!record) {
        const near = index().search(id.replace(/[/_-]+/g, ' '), { limit: 3 });
        const hint = near.length
          ? ` — did you mean ${near.map((h) => `"${h.id}"`).join(', ')}?`
          : ' — call search or list_documents to find ids';
        return toolError(`unknown document id "${id}"${hint}`);
      }
      const markdown = renderMirror(record, kb.links, log, { AdrIndex: () => renderAdrList(kb.records) });
      const { body: _body, ...metadata } = record;
      return result(markdown, { metadata: { ...metadata, uri: documentUri(record.id) }, markdown });
    },
  );

  server.registerTool(
    'list_adrs',
    {
      title: 'List architecture decision records',
      description:
        'Lists ADRs with their status and supersede chain (oldest → newest; the last one is in force). Filter by status, e.g. superseded.',
      inputSchema: {
        status: z
          .string()
          .optional()
          .describe(`one of: ${adrStatuses.join(', ')}`),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ status }) => {
      if (status !== undefined && !(adrStatuses as readonly string[]).includes(status))
        return toolError(`unknown ADR status "${status}" — use one of: ${adrStatuses.join(', ')}`);
      const { kb } = await knowledgeBase();
      const adrs = summarizeAdrs(kb.records).filter((a) => status === undefined || a.status === status);
      const text = adrs.length
        ? adrs
            .map((a) => {
              const chain = a.chain.length > 1 ? `; chain ${a.chain.map(adrLabel).join(' → ')}` : '';
              return `- ${adrLabel(a.adr)} ${a.title} [${a.status ?? 'no status'}]${a.supersededBy ? `, superseded by ${adrLabel(a.supersededBy)}` : ''}${chain} — id: ${a.id}`;
            })
            .join('\n')
        : status
          ? `No ADR has status ${status}.`
          : 'No ADRs recorded yet.';
      return result(text, { count: adrs.length, adrs });
    },
  );

  server.registerTool(
    'slo_status',
    {
      title: 'Latest SLO verdicts',
      description:
        'The latest verdict (pass / fail / not measured) of every SLO target, from the ingested benchmark runs.',
      inputSchema: { target: z.string().optional().describe('only this target id') },
      annotations: { readOnlyHint: true },
    },
    async ({ target }) => {
      const status = await loadSloStatus(options.root);
      let entries = status.entries;
      if (target !== undefined) {
        entries = entries.filter((e) => e.target === target);
        if (entries.length === 0 && status.entries.length > 0)
          return toolError(
            `unknown SLO target "${target}" — use one of: ${status.entries.map((e) => e.target).join(', ')}`,
          );
      }
      const lines = entries.map((e) => {
        const value = e.value === undefined ? '' : ` ${e.value}${e.unit ? ` ${e.unit}` : ''}`;
        const limit =
          e.comparison && !/\d/.test(e.comparison) && e.threshold !== undefined
            ? `${e.comparison} ${e.threshold}`
            : e.comparison;
        const against = limit ? ` (target ${limit}${e.unit ? ` ${e.unit}` : ''})` : '';
        const when = e.date ? `, ${e.suite ?? 'run'} of ${e.date}${e.example ? ', example data' : ''}` : '';
        return `- ${e.title ?? e.target}: ${e.verdict}${value}${against}${when}`;
      });
      const text = [status.note, ...lines].filter(Boolean).join('\n') || 'No SLO verdicts.';
      return result(text, { ...(status.note ? { note: status.note } : {}), entries });
    },
  );

  server.registerTool(
    'week_summary',
    {
      title: 'What happened in plan week N',
      description:
        'Everything the knowledge base knows about one week of the 12-week plan: Day-7 deliverables and their state, ADRs accepted/proposed/superseded, benchmark runs with verdicts and regressions, the SLO scorecard and its change since the week before, documents added or changed, reviews that fell due. The same facts as the weekly report and the dashboard.',
      inputSchema: {
        week: z.number().int().min(1).max(12).describe('plan week, 1 to 12'),
        start: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional()
          .describe('first day of week 1 (default: plan-start of docs/plan/index.md)'),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ week, start }) => {
      const facts = await loadWeekFacts(options.root, week, new Date(), { planStart: start });
      return result(summarizeFacts(facts), { ...facts });
    },
  );

  server.registerResource(
    'document',
    new ResourceTemplate('kb://doc/{+id}', {
      list: async () => {
        const { kb } = await knowledgeBase();
        return {
          resources: kb.records.map((r) => ({
            uri: documentUri(r.id),
            name: r.id,
            title: r.title,
            description: r.description || undefined,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'Knowledge base document',
      description: 'One document of the knowledge base as readable Markdown',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const { kb } = await knowledgeBase();
      const id = String(Array.isArray(variables.id) ? variables.id.join('/') : variables.id);
      const record = findRecord(kb, decodeURIComponent(id));
      if (!record) throw new Error(`unknown document ${uri.href} — list resources to see the ids`);
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'text/markdown',
            text: renderMirror(record, kb.links, log, { AdrIndex: () => renderAdrList(kb.records) }),
          },
        ],
      };
    },
  );

  return server;
}

/** Serves over stdin/stdout until the client closes the connection. */
export async function runKbMcpServer(options: KbMcpOptions): Promise<void> {
  const server = createKbMcpServer(options);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.stdin.once('close', () => resolve());
  });
  (options.log ?? ((m: string) => process.stderr.write(`kb mcp: ${m}\n`)))(`serving ${options.root} over stdio`);
  await closed;
  await server.close().catch(() => undefined);
}
