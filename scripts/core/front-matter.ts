import { parseDocument, stringify } from 'yaml';
import { KbError } from './errors.ts';
import { frontMatterFence as fence, joinFrontMatter } from './fence.ts';

export interface ParsedMarkdown {
  data: Record<string, unknown>;
  body: string;
  /** Number of lines the front matter block takes, fences included (0 when absent). */
  frontMatterLines: number;
}

/** Splits a Markdown file into YAML front matter and body; `file` names it in errors. */
export function parseMarkdown(source: string, file = '<input>'): ParsedMarkdown {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const match = fence.exec(text);
  if (!match) return { data: {}, body: text, frontMatterLines: 0 };
  const doc = parseDocument(match[1] ?? '', { prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
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
