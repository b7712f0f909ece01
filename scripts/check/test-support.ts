import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { SectionId } from '../core/documents.ts';
import { parseMarkdown } from '../core/front-matter.ts';
import type { CheckDocument } from './load.ts';

/** Writes a throw-away knowledge base for a test; returns its root. Never inside the repo. */
export async function makeKb(files: Record<string, string | Buffer>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kb-check-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
  return root;
}

export async function removeKb(root: string): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
}

/** A Markdown file from a front matter object (serialised by the YAML library) and a body. */
export function md(frontMatter: Record<string, unknown>, body = '# Title\n\nText.\n'): string {
  return `---\n${stringify(frontMatter).trimEnd()}\n---\n\n${body}`;
}

/** Valid front matter of a catalog document of `kind`, with overrides. */
export function docFm(kind: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `A ${kind}`,
    kind,
    status: 'published',
    owner: 'platform',
    date: '2025-01-06',
    'review-by': '2025-06-30',
    ...overrides,
  };
}

/** Valid front matter of ADR `n`. */
export function adrFm(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { adr: n, title: `Decision ${n}`, status: 'accepted', date: '2025-01-06', ...overrides };
}

/** An in-memory document, parsed the way the loader parses files (for pure rule tests). */
export function docOf(rel: string, text: string): CheckDocument {
  const parsed = parseMarkdown(text, rel);
  const section = (rel.split('/')[0] ?? 'docs') as SectionId;
  const raw = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  return {
    path: rel,
    section,
    frontMatter: parsed.data,
    body: parsed.body,
    frontMatterLines: parsed.frontMatterLines,
    frontMatterText: raw,
  };
}
