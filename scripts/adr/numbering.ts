import { promises as fs } from 'node:fs';

/** `adr/0042-use-redis.md` → 42; anything else → undefined. */
export function numberOfFile(name: string): number | undefined {
  const m = /^(\d{1,6})-[^/\\]*\.mdx?$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Whether a path is a numbered ADR record (`adr/NNNN-slug.md`), not the index or a page. */
export function isAdrRecord(doc: { path: string }): boolean {
  return (
    doc.path.startsWith('adr/') && !doc.path.slice(4).includes('/') && numberOfFile(doc.path.slice(4)) !== undefined
  );
}

export function formatNumber(n: number): string {
  return String(n).padStart(4, '0');
}

export function fileNameFor(n: number, slug: string): string {
  return `${formatNumber(n)}-${slug}.md`;
}

/** Numbered record files of a folder, by name only (never reads them: 1,000 records stay cheap). */
export async function listRecordFiles(dir: string): Promise<{ name: string; number: number }[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: { name: string; number: number }[] = [];
  for (const name of names) {
    const number = numberOfFile(name);
    if (number !== undefined) out.push({ name, number });
  }
  return out.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
}

/** The next free number: one past the highest in use (gaps are never reused). */
export function nextNumber(files: readonly { number: number }[]): number {
  return files.reduce((max, f) => Math.max(max, f.number), 0) + 1;
}
