// The parts of Docusaurus that `kb check` runs itself, loaded on first use
// only (together they take about a second to load): its front matter parser
// and validators, its MDX processor, and Mermaid's parser. Everything reached
// here is a published file of the installed packages (`lib/*` is exported by
// the content plugins; mdx-loader has no exports map), so an upgrade that
// moves one fails loudly in `loadDocusaurus` and in the unit tests.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The packages whose behaviour the cached results depend on. */
const versionedPackages = [
  '@docusaurus/mdx-loader',
  '@docusaurus/plugin-content-docs',
  '@docusaurus/plugin-content-blog',
  '@docusaurus/utils',
  '@mdx-js/mdx',
  'mermaid',
] as const;

/** Bumped when what the build rules store changes shape. */
const rulesVersion = 4;

/**
 * The folder of an installed package, found the way Node looks for it from
 * `from` (not through its exports map, which may not export package.json).
 */
export function packageDir(name: string, from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`kb check: the package ${name} is not installed (npm ci)`);
  }
}

/** `kb-check-1 @docusaurus/mdx-loader@3.10.2 …`: the cache key of every result. */
export function toolVersionKey(): string {
  const parts = versionedPackages.map((name) => {
    try {
      const pkg = JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')) as { version: string };
      return `${name}@${pkg.version}`;
    } catch {
      return `${name}@none`;
    }
  });
  return [`kb-check-${rulesVersion}`, ...parts].join(' ');
}

interface JoiDetail {
  message: string;
  path: (string | number)[];
}
interface JoiSchema {
  validate(
    value: unknown,
    options: Record<string, unknown>,
  ): { error?: { details: JoiDetail[] }; warning?: { details: JoiDetail[] } };
}

export interface FrontMatterIssue {
  /** Top-level key the problem is under ('' when the whole block). */
  key: string;
  message: string;
}

export interface DocusaurusFrontMatter {
  /** Parses front matter the way the site does (gray-matter + js-yaml), or throws its error. */
  parse(text: string, filePath: string): Promise<Record<string, unknown>>;
  /** Problems plugin-content-docs (`doc`) or plugin-content-blog (`blog`) would throw on, plus mdx-loader's `mdx` key. */
  validate(kind: 'doc' | 'blog', frontMatter: Record<string, unknown>): FrontMatterIssue[];
}

let frontMatterApi: DocusaurusFrontMatter | undefined;

/** Options utils-validation's validateFrontMatter uses (it also logs, which kb check must not). */
const joiOptions = { convert: true, allowUnknown: true, abortEarly: false };

export function docusaurusFrontMatter(): DocusaurusFrontMatter {
  if (frontMatterApi) return frontMatterApi;
  const utils = require('@docusaurus/utils') as {
    DEFAULT_PARSE_FRONT_MATTER: (p: { filePath: string; fileContent: string }) => Promise<unknown>;
  };
  const docs = require('@docusaurus/plugin-content-docs/lib/frontMatter.js') as { DocFrontMatterSchema: JoiSchema };
  const blogSchema = blogPostSchema();
  if (!docs.DocFrontMatterSchema || !blogSchema || typeof utils.DEFAULT_PARSE_FRONT_MATTER !== 'function') {
    throw new Error(
      'kb check: @docusaurus front matter API changed (DocFrontMatterSchema / validateBlogPostFrontMatter / DEFAULT_PARSE_FRONT_MATTER); update scripts/check/build/docusaurus.ts',
    );
  }
  const mdx = require('@docusaurus/mdx-loader/lib/frontMatter.js') as {
    validateMDXFrontMatter: (fm: unknown) => unknown;
  };
  // mdx-loader's validator of the `mdx` key (validated with allowUnknown: false, as it does).
  const mdxSchema = throwingValidator(mdx.validateMDXFrontMatter);
  const issues = (schema: JoiSchema, value: unknown, options = joiOptions, prefix: string[] = []): FrontMatterIssue[] =>
    (schema.validate(value, options).error?.details ?? []).map((d) => ({
      key: String(prefix[0] ?? d.path[0] ?? ''),
      message: d.message,
    }));
  frontMatterApi = {
    parse: async (text, filePath) =>
      (
        (await utils.DEFAULT_PARSE_FRONT_MATTER({ filePath, fileContent: text })) as {
          frontMatter: Record<string, unknown>;
        }
      ).frontMatter,
    validate(kind, fm) {
      const found = issues(kind === 'doc' ? docs.DocFrontMatterSchema : blogSchema, fm);
      if (fm.mdx !== undefined) {
        found.push(
          ...issues(mdxSchema, fm.mdx, { ...joiOptions, allowUnknown: false }, ['mdx']).map((i) => ({
            ...i,
            message: `mdx: ${i.message}`,
          })),
        );
      }
      return found;
    },
  };
  return frontMatterApi;
}

/**
 * A Docusaurus validator that logs, then throws a Joi error, as a schema:
 * called with console output held back, its error details are the issues.
 */
function throwingValidator(validate: (value: Record<string, unknown>) => unknown): JoiSchema {
  if (typeof validate !== 'function') {
    throw new Error('kb check: a Docusaurus front matter validator moved; update scripts/check/build/docusaurus.ts');
  }
  return {
    validate(value) {
      try {
        quietly(() => validate(value as Record<string, unknown>));
        return {};
      } catch (error) {
        const details = (error as { details?: JoiDetail[] }).details;
        if (!Array.isArray(details)) throw error;
        return { error: { details } };
      }
    },
  };
}

/** plugin-content-blog exports only `validateBlogPostFrontMatter` (it logs before it throws). */
function blogPostSchema(): JoiSchema {
  const blog = require('@docusaurus/plugin-content-blog/lib/frontMatter.js') as {
    validateBlogPostFrontMatter: (fm: Record<string, unknown>) => unknown;
  };
  return throwingValidator(blog.validateBlogPostFrontMatter);
}

/** Runs `fn` with console output dropped (Docusaurus validators log what they throw). */
export function quietly<T>(fn: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info };
  console.error = console.warn = console.log = console.info = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}
