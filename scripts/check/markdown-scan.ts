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
const inlineLink =
  /(!?)\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const referenceDefinition = /^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)/;
const codeSpan = /(`+)[\s\S]*?\1/g;

/**
 * Follows fences and HTML comments line by line; `clean` gives a line's prose
 * ('' inside code). With `keepPositions`, comments and code spans become
 * spaces instead of vanishing, so offsets in the result are offsets in the line.
 */
function proseCleaner(keepPositions = false) {
  let fenceClose: RegExp | null = null;
  let inComment = false;
  return {
    get inComment() {
      return inComment;
    },
    clean(text: string, wanted: (line: string) => boolean): string {
      let line = text;
      if (fenceClose) {
        if (fenceClose.test(line)) fenceClose = null;
        return '';
      }
      const first = line.charCodeAt(0);
      if (!inComment && (first === 32 || first === 96 || first === 126)) {
        const open = fenceOpen.exec(line);
        if (open) {
          const fence = open[1]!;
          fenceClose = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
          return '';
        }
      }
      if (inComment || line.includes('<!--')) {
        let out = '';
        let rest = line;
        while (rest.length > 0) {
          if (inComment) {
            const end = rest.indexOf('-->');
            if (end < 0) {
              if (keepPositions) out += ' '.repeat(rest.length);
              rest = '';
            } else {
              inComment = false;
              if (keepPositions) out += ' '.repeat(end + 3);
              rest = rest.slice(end + 3);
            }
          } else {
            const start = rest.indexOf('<!--');
            if (start < 0) {
              out += rest;
              rest = '';
            } else {
              out += rest.slice(0, start) + (keepPositions ? '    ' : '');
              inComment = true;
              rest = rest.slice(start + 4);
            }
          }
        }
        line = out;
      }
      if (!wanted(line)) return '';
      if (!line.includes('`')) return line;
      return line.replace(codeSpan, (span) => (keepPositions ? ' '.repeat(span.length) : ''));
    },
  };
}

/**
 * Lines of prose: code blocks and HTML comments blanked, line numbers kept.
 * Only lines that `wanted` accepts get the clean-up of inline code.
 */
export function proseLines(body: string, wanted: (line: string) => boolean = () => true): string[] {
  const cleaner = proseCleaner();
  return body.split('\n').map((line) => cleaner.clean(line, wanted));
}

const isLinkLine = (line: string) => line.includes('](') || line.includes(']:');

/**
 * Every link and image target in the body, with its line. Walks the body
 * without splitting it: only lines that hold a link, may open or close a
 * fence, or touch a comment are looked at (most lines of a page are none).
 */
export function findLinks(body: string): LinkRef[] {
  let nextInline = body.indexOf('](');
  let nextDefinition = body.indexOf(']:');
  if (nextInline < 0 && nextDefinition < 0) return [];
  let nextComment = body.indexOf('<!--');
  const links: LinkRef[] = [];
  const cleaner = proseCleaner();
  let lineNo = 0;
  for (let start = 0; start <= body.length; ) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    lineNo++;
    if (nextInline >= 0 && nextInline < start) nextInline = body.indexOf('](', start);
    if (nextDefinition >= 0 && nextDefinition < start) nextDefinition = body.indexOf(']:', start);
    if (nextComment >= 0 && nextComment < start) nextComment = body.indexOf('<!--', start);
    const first = body.charCodeAt(start);
    const fenceLike = first === 32 || first === 96 || first === 126;
    const linkLike = (nextInline >= 0 && nextInline < end) || (nextDefinition >= 0 && nextDefinition < end);
    if (fenceLike || linkLike || cleaner.inComment || (nextComment >= 0 && nextComment < end)) {
      const line = cleaner.clean(body.slice(start, end), isLinkLine);
      if (line !== '') collectLinks(line, lineNo, links);
    }
    start = end + 1;
  }
  return links;
}

function collectLinks(line: string, lineNo: number, links: LinkRef[]): void {
  if (line.includes('](')) {
    inlineLink.lastIndex = 0;
    for (let m = inlineLink.exec(line); m; m = inlineLink.exec(line)) links.push({ url: unwrap(m[3]!), line: lineNo });
  }
  if (line.includes(']:')) {
    const def = referenceDefinition.exec(line);
    if (def) links.push({ url: unwrap(def[1]!), line: lineNo });
  }
}

const inlineLinkAt = new RegExp(inlineLink.source, 'gd');
const referenceDefinitionAt = new RegExp(referenceDefinition.source, 'd');

/**
 * The body with every link and image target that `rewrite` maps to a new URL
 * replaced, the rest byte for byte as it was. Code (fenced blocks, inline
 * spans) and HTML comments are left alone, as findLinks skips them.
 * `rewrite` gets the URL without `<>` and returns undefined to keep it.
 */
export function replaceLinks(body: string, rewrite: (url: string) => string | undefined): string {
  if (!body.includes('](') && !body.includes(']:')) return body;
  const cleaner = proseCleaner(true);
  let changed = false;
  const lines = body.split('\n').map((raw) => {
    const prose = cleaner.clean(raw, isLinkLine);
    if (prose === '') return raw;
    const spans: [number, number][] = [];
    if (prose.includes('](')) {
      inlineLinkAt.lastIndex = 0;
      for (let m = inlineLinkAt.exec(prose); m; m = inlineLinkAt.exec(prose)) spans.push(m.indices![3]!);
    }
    const def = prose.includes(']:') ? referenceDefinitionAt.exec(prose) : null;
    if (def) spans.push(def.indices![1]!);
    let out = raw;
    for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) {
      const written = raw.slice(start, end);
      const wrapped = written.startsWith('<') && written.endsWith('>');
      const next = rewrite(unwrap(written));
      if (next === undefined || next === unwrap(written)) continue;
      out = out.slice(0, start) + (wrapped ? `<${next}>` : next) + out.slice(end);
      changed = true;
    }
    return out;
  });
  return changed ? lines.join('\n') : body;
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
    if (
      i > 0 &&
      setextUnderline.test(line) &&
      prev &&
      prev.trim() !== '' &&
      raw[i - 1] !== undefined &&
      isParagraphLine(prev, lines[i - 2])
    ) {
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
