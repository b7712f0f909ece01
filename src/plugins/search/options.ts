/**
 * Options of the search plugin: one zod schema gives the type, the defaults
 * and the validation Docusaurus calls at startup.
 */
import * as z from 'zod';
import { parsePluginOptions } from '../plugin-options.ts';

const labelsById = z.record(z.string().min(1), z.string().trim().min(1));

export const pluginOptionsSchema = z.strictObject({
  /** Local plugins are loaded with their id; Docusaurus adds it to the options. */
  id: z.string().default('default'),
  /** Build the index (set false to skip it in a throw-away build). */
  enabled: z.boolean().default(true),
  /** The section (search filter) of each docs plugin instance, by plugin id; instances not listed are not indexed. */
  docs: labelsById.default({ default: 'Docs', runbooks: 'Runbooks', adr: 'ADRs' }),
  /** The section of each blog plugin instance, by plugin id. */
  blog: labelsById.default({ default: 'Reports' }),
});

export type PluginOptions = z.output<typeof pluginOptionsSchema>;
export type Options = z.input<typeof pluginOptionsSchema>;
export type SectionLabels = Pick<PluginOptions, 'docs' | 'blog'>;

/** Docusaurus's validateOptions hook: every issue as `field: what is wrong`. */
export function validateOptions({ options }: { options: Options | undefined }): PluginOptions {
  return parsePluginOptions('search', pluginOptionsSchema, options);
}
