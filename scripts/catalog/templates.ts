import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { KbError } from '../core/errors.ts';
import { layout } from '../core/project.ts';

/**
 * Where templates come from: the project's own `templates/` first, then the
 * tool's shipped defaults (the `templates/` folder of the package holding
 * this module). In this repository both are the same folder; another
 * project overrides one template by adding a file of the same name, and one
 * partial by adding `templates/partials/<name>.hbs`.
 */
export function toolTemplatesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', layout.templates);
}

export interface TemplateSource {
  name: string;
  /** Where it was read from, for error messages. */
  file: string;
  text: string;
}

/** Every template a render may need: named templates and all partials. */
export interface TemplateSet {
  templates: Record<string, TemplateSource>;
  partials: Record<string, TemplateSource>;
}

async function readFirst(name: string, dirs: string[]): Promise<TemplateSource | undefined> {
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      return { name, file, text: await fs.readFile(file, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return undefined;
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => n.endsWith('.hbs'));
  } catch {
    return [];
  }
}

/** Reads the named templates (project override first) and every partial. */
export async function loadTemplates(
  root: string,
  names: readonly string[],
  toolDir = toolTemplatesDir(),
): Promise<TemplateSet> {
  const dirs = [path.join(root, layout.templates), toolDir];
  const templates: Record<string, TemplateSource> = {};
  for (const name of new Set(names)) {
    const found = await readFirst(name, dirs);
    if (!found) {
      throw new KbError('NOT_FOUND', `template ${name} not found`, {
        file: `${layout.templates}/${name}`,
        hint: `add ${layout.templates}/${name} or reinstall the kb tool`,
      });
    }
    templates[name] = found;
  }
  const partials: Record<string, TemplateSource> = {};
  for (const dir of dirs.map((d) => path.join(d, 'partials')).reverse()) {
    for (const file of await listNames(dir)) {
      partials[file.replace(/\.hbs$/, '')] = {
        name: file,
        file: path.join(dir, file),
        text: await fs.readFile(path.join(dir, file), 'utf8'),
      };
    }
  }
  return { templates, partials };
}

/**
 * Renders one template with an isolated, strict Handlebars instance. Values
 * in `view` are already escaped Markdown (escaping happens in TypeScript),
 * so Handlebars' HTML escaping is off. A template naming a value the view
 * lacks is an INVALID_CONFIG error naming the template file.
 */
export function renderTemplate(set: TemplateSet, name: string, view: object): string {
  const source = set.templates[name];
  if (!source) throw new KbError('INTERNAL', `template ${name} was not loaded`);
  const hbs = Handlebars.create();
  for (const [partial, p] of Object.entries(set.partials))
    hbs.registerPartial(partial, hbs.compile(p.text, { strict: true, noEscape: true }));
  try {
    return hbs.compile(source.text, { strict: true, noEscape: true })(view);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new KbError('INVALID_CONFIG', `template does not render: ${message}`, {
      file: source.file,
      hint: `use only the values kb provides (${Object.keys(view).join(', ')})`,
      cause,
    });
  }
}
