import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { escapeInline } from '../core/markdown-escape.ts';
import { layout } from '../core/project.ts';

export const adrTemplateName = 'adr.md.hbs';

/** The tool's own templates folder (found from this module, so a bundled copy works too). */
export function toolTemplatesDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, layout.templates);
    if (existsSync(path.join(candidate, adrTemplateName))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return path.join(from, '..', '..', layout.templates);
    dir = up;
  }
}

/** A project's own `templates/adr.md.hbs` wins over the tool's. */
export async function readAdrTemplate(root: string): Promise<string> {
  const own = path.join(root, layout.templates, adrTemplateName);
  try {
    return await fs.readFile(own, 'utf8');
  } catch {
    return fs.readFile(path.join(toolTemplatesDir(), adrTemplateName), 'utf8');
  }
}

export interface AdrTemplateView {
  title: string;
  /** Markdown list items for "More Information" (already safe Markdown). */
  related: string[];
}

/** Renders the body with an isolated, strict Handlebars instance; values are escaped here, not in the template. */
export function renderAdrBody(template: string, view: AdrTemplateView): string {
  const hbs = Handlebars.create();
  const render = hbs.compile(template, { strict: true, noEscape: true });
  return render({ title: escapeInline(view.title), related: view.related });
}
