import { isPair, isScalar, isNode, parseDocument, stringify, visit, type Document } from 'yaml';
import { KbError } from './errors.ts';
import { frontMatterFence as fence, joinFrontMatter } from './fence.ts';

export interface ParsedMarkdown {
  data: Record<string, unknown>;
  body: string;
  /** Number of lines the front matter block takes, fences included (0 when absent). */
  frontMatterLines: number;
}

/**
 * Read front matter as the site does (Docusaurus: gray-matter → js-yaml 4
 * `load`, YAML 1.2 core schema plus merge keys): `<<` merges, every key is a
 * string (`null:` is the key "null"). One difference is kept on purpose:
 * timestamps stay the text written (`2025-01-01`), where the site holds the
 * same instant as a Date. front-matter-site.test.ts checks both readers agree
 * on every document of the knowledge base and on a corpus of awkward YAML.
 */
const siteSchema = { prettyErrors: false, merge: true, stringKeys: true } as const;

const coreTags = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const timestampKey = /^\d{4}-\d\d?-\d\d?(?:[Tt ]|$)/;

/**
 * What kb would read otherwise than the site, refused instead of misread:
 * an explicit tag outside the core schema (`!!set`, `!!omap`, `!!binary`,
 * `!!timestamp` …) and a plain key that js-yaml turns into a Date.
 */
function readDifferently(doc: Document): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isNode(node) && node.tag && !coreTags.has(node.tag)) {
        found = `the tag ${node.tag.replace('tag:yaml.org,2002:', '!!')}`;
        return visit.BREAK;
      }
    },
    Pair(_key, pair) {
      if (
        isPair(pair) &&
        isScalar(pair.key) &&
        pair.key.type === 'PLAIN' &&
        timestampKey.test(String(pair.key.source))
      ) {
        found = `the date key ${String(pair.key.source)}`;
        return visit.BREAK;
      }
    },
  });
  return found;
}

/** Splits a Markdown file into YAML front matter and body; `file` names it in errors. */
export function parseMarkdown(source: string, file = '<input>'): ParsedMarkdown {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const match = fence.exec(text);
  if (!match) return { data: {}, body: text, frontMatterLines: 0 };
  const doc = parseDocument(match[1] ?? '', siteSchema);
  const problems = [...doc.errors, ...doc.warnings];
  const unlike = problems.length === 0 ? readDifferently(doc) : undefined;
  if (unlike) {
    throw new KbError('INVALID_FRONT_MATTER', `${unlike} reads differently on the site`, {
      file,
      field: 'front matter',
      hint: 'write plain values (quote the text)',
    });
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    const line = (first.linePos?.[0]?.line ?? 0) + 1;
    throw new KbError(
      'INVALID_FRONT_MATTER',
      `YAML front matter does not parse (line ${line}): ${first.message.split('\n')[0]}`,
      {
        file,
        field: 'front matter',
        hint: 'fix the YAML between the --- fences',
      },
    );
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new KbError('INVALID_FRONT_MATTER', 'front matter is not a mapping', {
      file,
      field: 'front matter',
      hint: 'write front matter as `key: value` lines',
    });
  }
  return {
    data: data as Record<string, unknown>,
    body: text.slice(match[0].length),
    frontMatterLines: match[0].split('\n').length - 1,
  };
}

/** How every kb document's front matter is written (plain-yaml.ts writes the same without the library). */
export const yamlOptions = { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' } as const;

/** Serialises front matter with the YAML library (never by string templates) and joins the body. */
export function serializeMarkdown(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  return joinFrontMatter(stringify(clean, yamlOptions).trimEnd(), body);
}
