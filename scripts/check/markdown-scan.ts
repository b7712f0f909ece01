import GithubSlugger from 'github-slugger';

/**
 * A targeted line scanner for links and headings. Checking links does not
 * need a Markdown AST: skipping code (fenced blocks, inline spans) and HTML
 * comments and matching link syntax is enough, and costs a fraction of a
 * remark pipeline per file (see bench/check).
 */

export interface LinkRef {
  url: string;
  /** 1-based line in the body. */
  line: number;
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const inlineLink = /(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const referenceDefinition = /^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)/;
const codeSpan = /(`+)[\s\S]*?\1/g;

/**
 * Lines of prose: code blocks and HTML comments blanked, line numbers kept.
 * Only lines that `wanted` accepts (and comment lines) get the costlier
 * clean-up of inline code; the others are only followed for fences.
 */
export function proseLines(body: string, wanted: (line: string) => boolean = () => true): string[] {
  const lines = body.split('\n');
  let fence: string | null = null;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (fence) {
      const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(line)) fence = null;
      lines[i] = '';
      continue;
    }
    if (!inComment && (line.charCodeAt(0) === 32 || line.charCodeAt(0) === 96 || line.charCodeAt(0) === 126)) {
      const open = fenceOpen.exec(line);
      if (open) {
        fence = open[1]!;
        lines[i] = '';
        continue;
      }
    }
    if (inComment || line.includes('<!--')) {
      let out = '';
      let rest = line;
      while (rest.length > 0) {
        if (inComment) {
          const end = rest.indexOf('-->');
          if (end < 0) {
            rest = '';
          } else {
            inComment = false;
            rest = rest.slice(end + 3);
          }
        } else {
          const start = rest.indexOf('<!--');
          if (start < 0) {
            out += rest;
            rest = '';
          } else {
            out += rest.slice(0, start);
            inComment = true;
            rest = rest.slice(start + 4);
          }
        }
      }
      line = out;
    }
    if (!wanted(line)) lines[i] = '';
    else lines[i] = line.includes('`') ? line.replace(codeSpan, '') : line;
  }
  return lines;
}

/** Every link and image target in the body, with its line. */
export function findLinks(body: string): LinkRef[] {
  if (!body.includes('](') && !body.includes(']:')) return [];
  const links: LinkRef[] = [];
  const lines = proseLines(body, (line) => line.includes('](') || line.includes(']:'));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if (line.includes('](')) {
      inlineLink.lastIndex = 0;
      for (let m = inlineLink.exec(line); m; m = inlineLink.exec(line)) {
        links.push({ url: unwrap(m[3]!), line: i + 1 });
      }
    }
    if (line.includes(']:')) {
      const def = referenceDefinition.exec(line);
      if (def) links.push({ url: unwrap(def[1]!), line: i + 1 });
    }
  }
  return links;
}

function unwrap(url: string): string {
  return url.startsWith('<') && url.endsWith('>') ? url.slice(1, -1) : url;
}

const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/;
const customId = /\s*\{#((?:.(?!\{#|\}))*.)\}$/;
const htmlId = /<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']/g;

/** Plain text of an inline heading, the way mdast-util-to-string sees it. */
export function headingText(inline: string): string {
  return inline
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/(`+)([\s\S]*?)\1/g, (_m, _t, code: string) => code.trim())
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .trim();
}

/** The anchor ids Docusaurus gives a page: heading ids (github-slugger, `{#custom}`) and `<a id>`. */
export function collectAnchors(body: string): Set<string> {
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();
  const raw = body.split('\n');
  const lines = proseLines(body);
  const add = (inline: string) => {
    const custom = customId.exec(inline);
    if (custom) anchors.add(custom[1]!.trim());
    else anchors.add(slugger.slug(headingText(inline)));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('<a')) {
      htmlId.lastIndex = 0;
      for (let m = htmlId.exec(line); m; m = htmlId.exec(line)) anchors.add(m[1]!);
    }
    const atx = atxHeading.exec(line);
    if (atx && raw[i] !== undefined && line !== '') {
      // Code spans were blanked in `line`; take the heading text from the raw line.
      const full = atxHeading.exec(raw[i]!);
      add(full?.[2] ?? atx[2] ?? '');
      continue;
    }
    const prev = lines[i - 1];
    if (i > 0 && setextUnderline.test(line) && prev && prev.trim() !== '' && raw[i - 1] !== undefined && isParagraphLine(prev, lines[i - 2])) {
      add(raw[i - 1]!.trim());
    }
  }
  return anchors;
}

/** A setext heading needs a single paragraph line above the underline (not a list, table or quote). */
function isParagraphLine(line: string, before: string | undefined): boolean {
  if (before !== undefined && before.trim() !== '') return false;
  return !/^\s*([-*+>|]|\d+[.)]\s|#)/.test(line) && !setextUnderline.test(line);
}
