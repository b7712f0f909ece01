/**
 * Everything the build adds to the site, as a list of files (path relative to
 * the output folder + content). Pure: the plugin reads the sources, calls
 * this, and writes the result.
 */
import type { SourceDocument } from '../core/documents.ts';
import { renderAllFullTexts, renderLlmsTxt, type SiteInfo } from './llms.ts';
import { buildManifest, manifestJsonSchema, manifestSchemaPath } from './manifest.ts';
import { renderAdrList } from './adrs.ts';
import { mirrorHead, renderMirror, type ComponentText, type LinkMap } from './markdown.ts';
import { buildPageRecord, type PageRecord } from './records.ts';
import type { RoutedPage } from './site-content.ts';
import { safeDecodeURIComponent } from '../core/uri.ts';

export interface OutputFile {
  /** Relative to the build folder, forward slashes. */
  path: string;
  content: string;
  /**
   * A run page's mirror whose body was not read: `content` is its head (mirrorHead), and the writer appends
   * the body of this source file (relative to the site) as runMirrorBody gives it, or, when that is undefined,
   * hands the file back to be planned again with its body (see `bodyInFile`).
   */
  bodyOf?: string;
}

export interface AiOutputs {
  files: OutputFile[];
  /** Current, listed pages: what llms.txt and the manifest hold. */
  records: PageRecord[];
  mirrors: number;
  /** Routed pages whose source was not passed in (reported, not fatal). */
  missingSources: string[];
  /** Pages mirrored as written because their MDX could not be converted. */
  warnings: string[];
}

export type SourceInput = Pick<SourceDocument, 'path' | 'section' | 'frontMatter' | 'body'>;

/** Output path of a site URL's file: strips the baseUrl, never escapes the folder. */
export function outputPathOf(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/?$/, '/');
  const rel = url.startsWith(base) ? url.slice(base.length) : url.replace(/^\/+/, '');
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.map(safeDecodeURIComponent).join('/');
}

export function planAiOutputs(
  site: SiteInfo,
  routes: readonly RoutedPage[],
  sources: readonly SourceInput[],
  now: Date,
  /** Which files this build writes (a site part writes its own pages' mirrors; src/plugins/parts): the others are not rendered. */
  writes: (file: string) => boolean = () => true,
  /**
   * Sources whose body was not read (run pages: 10,000 of them are 80 MB): their mirror is a head and the
   * source file's body, which the writer reads (OutputFile.bodyOf). Their records need no body.
   */
  bodyInFile: (source: string) => boolean = () => false,
): AiOutputs {
  const bySource = new Map(sources.map((s) => [s.path, s]));
  const files: OutputFile[] = [];
  const records: PageRecord[] = [];
  /** Current, listed pages that llms.txt names and the full texts hold (records less the index-only ones). */
  const listed: PageRecord[] = [];
  const missingSources: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const built: { record: PageRecord; route: RoutedPage }[] = [];
  for (const route of routes) {
    const source = bySource.get(route.source);
    if (!source) {
      missingSources.push(route.source);
      continue;
    }
    const record = buildPageRecord(source, {
      url: route.url,
      title: route.title,
      description: route.description || undefined,
      date: route.date,
      tags: route.tags,
      version: route.version,
    });
    built.push({ record, route });
  }
  const links: LinkMap = new Map(built.map(({ record }) => [record.source, record.markdownUrl]));
  const current = built.filter(({ route }) => route.isCurrent).map(({ record }) => record);
  const components: ComponentText = { AdrIndex: () => renderAdrList(current) };
  for (const { record, route } of built) {
    const file = outputPathOf(record.markdownUrl, site.baseUrl);
    if (seen.has(file)) continue;
    seen.add(file);
    if (writes(file))
      files.push(
        bodyInFile(record.source)
          ? { path: file, content: mirrorHead(record), bodyOf: record.source }
          : { path: file, content: renderMirror(record, links, (w) => warnings.push(w), components) },
      );
    if (route.isCurrent && !route.unlisted) {
      records.push(record);
      if (!route.indexOnly) listed.push(record);
    }
  }
  const mirrors = files.length;
  const runPages = records.length - listed.length;
  // The site-wide files, in the build that writes them (all of them or none: they name each other).
  if (writes('llms.txt')) {
    files.push({ path: 'llms.txt', content: renderLlmsTxt(site, listed, runPages) });
    for (const full of renderAllFullTexts(site, listed, links, components))
      files.push({ path: full.file, content: full.content });
    files.push({ path: 'kb-index.json', content: `${JSON.stringify(buildManifest(site, records, now), null, 2)}\n` });
    files.push({ path: manifestSchemaPath, content: `${JSON.stringify(manifestJsonSchema(site.url), null, 2)}\n` });
  }
  return { files, records, mirrors, missingSources, warnings };
}
