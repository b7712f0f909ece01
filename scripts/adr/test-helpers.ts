import { mkdtempSync, promises as fs, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throw-away project folder; call the returned cleanup in afterEach. */
export function tempProject(): { root: string; cleanup: () => Promise<void> } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kb-adr-'));
  // kb finds its project by this marker, as in a real knowledge base.
  writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
  return { root, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}

/** Every file under adr/ with its content, for "nothing changed" assertions. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const dir = path.join(root, 'adr');
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const n of names.sort()) out[n] = await fs.readFile(path.join(dir, n), 'utf8');
  return out;
}
