import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KbError } from '../core/errors.ts';
import { escapeInline } from '../core/markdown-escape.ts';
import { layout } from '../core/project.ts';
import { compileCached, type TemplateFn } from '../core/template-cache.ts';

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
async function readAdrTemplateFile(root: string): Promise<{ file: string; text: string }> {
  const own = path.join(root, layout.templates, adrTemplateName);
  try {
    return { file: own, text: await fs.readFile(own, 'utf8') };
  } catch {
    const file = path.join(toolTemplatesDir(), adrTemplateName);
    return { file, text: await fs.readFile(file, 'utf8') };
  }
}

export interface AdrTemplate {
  /** Where it was read from, for error messages. */
  file: string;
  render: TemplateFn;
}

function templateError(file: string, cause: unknown): KbError {
  const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new KbError('INVALID_CONFIG', `template does not render: ${message}`, {
    file,
    hint: 'use only {{title}} and {{#each related}}; fix the Handlebars syntax',
    cause,
  });
}

/**
 * The ADR template, compiled by an isolated, strict Handlebars instance with
 * HTML escaping off (values are escaped in TypeScript). Precompiled once per
 * template text (core/template-cache.ts), so `kb adr new` loads only the
 * Handlebars runtime.
 */
export async function loadAdrTemplate(root: string, cacheDir?: string): Promise<AdrTemplate> {
  const { file, text } = await readAdrTemplateFile(root);
  try {
    return { file, render: await compileCached(text, { strict: true, noEscape: true }, cacheDir) };
  } catch (cause) {
    throw templateError(file, cause);
  }
}

export interface AdrTemplateView {
  title: string;
  /** Markdown list items for "More Information" (already safe Markdown). */
  related: string[];
}

/** Renders the body; values are escaped here, not in the template. */
export function renderAdrBody(template: AdrTemplate, view: AdrTemplateView): string {
  try {
    return template.render({ title: escapeInline(view.title), related: view.related });
  } catch (cause) {
    throw templateError(template.file, cause);
  }
}
