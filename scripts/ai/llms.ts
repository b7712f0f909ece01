/**
 * llms.txt (llmstxt.org) and the full-text files: pure renderers over page
 * records. Links are absolute paths (baseUrl included), so they resolve on
 * any host the build is served from.
 */
import { renderMirror, type ComponentText, type LinkMap } from './markdown.ts';
import { siteParts, type PageRecord, type SitePartId } from './records.ts';

export interface SiteInfo {
  title: string;
  tagline: string;
  /** Absolute site URL without path (`https://kb.example`). */
  url: string;
  /** `/` or `/sub/`. */
  baseUrl: string;
  /** The blockquote of llms.txt; a description of the programme when absent. */
  summary?: string;
}

const defaultSummary =
  "The knowledge base of the Sophia AI engineering team's 12-week performance, scalability and stability programme: the handbook (plan, guides, standards, SLO definitions), architecture decision records, operational runbooks, playbooks, and weekly, benchmark and scale-test reports judged against the programme's SLOs.";

/** `/llms-handbook.txt` → `${baseUrl}llms-handbook.txt`. */
export function siteFile(site: SiteInfo, file: string): string {
  return `${site.baseUrl.replace(/\/?$/, '/')}${file}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function linkText(text: string): string {
  return oneLine(text).replace(/([\\[\]])/g, '\\$1');
}

/** Pages of one part, in a stable reading order (reports newest first). */
export function pagesOf(records: readonly PageRecord[], part: SitePartId): PageRecord[] {
  const list = records.filter((r) => r.part === part);
  if (part === 'reports')
    return list.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
  return list.sort((a, b) => a.url.localeCompare(b.url));
}

export function renderLlmsTxt(site: SiteInfo, records: readonly PageRecord[], runPages = 0): string {
  const lines = [
    `# ${site.title}`,
    '',
    `> ${oneLine(site.summary ?? `${site.tagline.replace(/\.?$/, '.')} ${defaultSummary}`)}`,
    '',
    `Every page below links to a plain-Markdown copy of it (the page URL with \`.md\` appended). The machine-readable index of every document with its metadata is [kb-index.json](${siteFile(site, 'kb-index.json')}); each section's full text is listed under Optional.`,
  ];
  for (const part of siteParts) {
    const pages = pagesOf(records, part.id);
    lines.push('', `## ${part.title}`, '');
    if (pages.length === 0) lines.push('- (no pages yet)');
    for (const p of pages) {
      const description = oneLine(p.description);
      lines.push(`- [${linkText(p.title)}](${p.markdownUrl})${description ? `: ${description}` : ''}`);
    }
    if (part.id === 'reports' && runPages > 0)
      lines.push(
        '',
        `Plus ${runPages} benchmark run page${runPages === 1 ? '' : 's'}, one per stored run: each suite's history above links every run, and [kb-index.json](${siteFile(site, 'kb-index.json')}) lists them with their verdicts (kind \`benchmark-report\`); each has its \`.md\` copy too.`,
      );
  }
  lines.push('', '## Optional', '');
  lines.push(`- [Full text](${siteFile(site, 'llms-full.txt')}): every page of the knowledge base in one file`);
  for (const part of siteParts)
    lines.push(
      `- [${part.title}, full text](${siteFile(site, part.file)}): every page of the ${part.title} section in one file`,
    );
  return `${lines.join('\n')}\n`;
}

/** One section's (or the whole site's) pages concatenated, each under its title and URL. */
export function renderFullText(
  site: SiteInfo,
  heading: string,
  records: readonly PageRecord[],
  links?: LinkMap,
  components?: ComponentText,
): string {
  const out = [
    `# ${site.title}: ${heading}`,
    '',
    `> ${records.length} page${records.length === 1 ? '' : 's'}; each starts with its title, its URL and its metadata.`,
    '',
  ];
  for (const r of records) {
    out.push(
      '---',
      '',
      renderMirror(r, links, undefined, components)
        .replace(/^# .*\n/, `# ${r.title}\n\nSource: ${site.url}${r.url} (Markdown: ${r.markdownUrl})\n`)
        .trim(),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

export function renderAllFullTexts(
  site: SiteInfo,
  records: readonly PageRecord[],
  links?: LinkMap,
  components?: ComponentText,
): { file: string; content: string }[] {
  const ordered = siteParts.flatMap((p) => pagesOf(records, p.id));
  return [
    { file: 'llms-full.txt', content: renderFullText(site, 'full text', ordered, links, components) },
    ...siteParts.map((p) => ({
      file: p.file,
      content: renderFullText(site, p.title, pagesOf(records, p.id), links, components),
    })),
  ];
}
