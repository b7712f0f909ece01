/**
 * Options of the adr-index plugin: one zod schema gives the type, the
 * defaults and the validation Docusaurus calls at startup.
 */
import * as z from 'zod';
import { parsePluginOptions } from '../plugin-options.ts';

export const pluginOptionsSchema = z.strictObject({
  /** Local plugins are loaded with their id; Docusaurus adds it to the options. */
  id: z.string().default('default'),
  /** The folder of the records, relative to the site (the `adr` docs instance's path). */
  path: z.string().min(1).default('adr'),
  /** The id of the docs instance that serves the records (for their URLs). */
  docsPluginId: z.string().default('adr'),
});

export type PluginOptions = z.output<typeof pluginOptionsSchema>;
export type Options = z.input<typeof pluginOptionsSchema>;

/** Docusaurus's validateOptions hook: every issue as `field: what is wrong`. */
export function validateOptions({ options }: { options: Options | undefined }): PluginOptions {
  return parsePluginOptions('adr-index', pluginOptionsSchema, options);
}

/** Where the generated index data lands; adr/index.mdx imports it from `@generated`. */
export const dataFileName = 'adr-index.json';
