import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1aHex } from './fnv1a.mjs';
import HandlebarsRuntime from 'handlebars/runtime';

/**
 * Handlebars templates precompiled once and kept in
 * `node_modules/.cache/kb-cli/templates/`, so a hot command (`kb adr new`)
 * loads only the Handlebars runtime instead of the parser and compiler
 * (about a third of its start-up). An entry is keyed by the template's text,
 * the Handlebars version and the compile options: an edited or overriding
 * project template simply makes a new entry.
 */

export interface CompileOptions {
  strict?: boolean;
  noEscape?: boolean;
}

export type TemplateFn = (context: object) => string;

interface CacheEntry {
  source: string;
  version: string;
  options: CompileOptions;
  /** `Handlebars.precompile` output: the JavaScript text of a template spec. */
  spec: string;
}

/** Where the cache lives: beside the kb bundle, in the checkout holding this module. */
export function templateCacheDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  return path.resolve(from, '..', '..', 'node_modules', '.cache', 'kb-cli', 'templates');
}

/** FNV-1a, twice with different seeds: a file name, not a security boundary (entries hold their source). */
function hash(text: string): string {
  return fnv1aHex(text) + fnv1aHex(text, 0x01000193);
}

/** Turns a cached spec back into a template of an isolated runtime instance. */
function instantiate(spec: string): TemplateFn {
  // The spec is JavaScript that Handlebars.precompile wrote for this source;
  // Handlebars.compile evaluates the same code with `new Function`.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const templateSpec = new Function(`return ${spec};`)();
  return HandlebarsRuntime.create().template(templateSpec) as TemplateFn;
}

/**
 * The compiled template for `source`. From the cache when an entry for this
 * exact text, version and options exists; else precompiled with the full
 * Handlebars (loaded only then) and stored. A cache that cannot be read or
 * written never fails the command. Parse errors are thrown as Handlebars
 * reports them.
 */
export async function compileCached(
  source: string,
  options: CompileOptions,
  cacheDir = templateCacheDir(),
): Promise<TemplateFn> {
  const version = HandlebarsRuntime.VERSION;
  const file = path.join(cacheDir, `${hash(JSON.stringify([version, options, source]))}.json`);
  try {
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as CacheEntry;
    if (
      entry.source === source &&
      entry.version === version &&
      JSON.stringify(entry.options) === JSON.stringify(options)
    )
      return instantiate(entry.spec);
  } catch {
    // no entry yet, or an unreadable one: precompile below
  }
  const { default: Handlebars } = await import('handlebars');
  // precompile adds its defaults to the options object it is given: pass a copy.
  const spec = String(Handlebars.precompile(source, { ...options }));
  const entry: CacheEntry = { source, version, options, spec };
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(temp, JSON.stringify(entry));
    await fs.rename(temp, file);
  } catch {
    // a read-only node_modules only costs the next run a precompile
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
  return instantiate(spec);
}
