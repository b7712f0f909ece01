/**
 * Options of the ai-readable plugin: one zod schema gives the type, the
 * defaults and the validation Docusaurus calls at startup.
 */
import * as z from 'zod';
import { parsePluginOptions } from '../plugin-options.ts';

export const pluginOptionsSchema = z.strictObject({
  /** Local plugins are loaded with their id; Docusaurus adds it to the options. */
  id: z.string().default('default'),
  /** Write the files (set false to skip them in a throw-away build). */
  enabled: z.boolean().default(true),
  /** The blockquote summary of llms.txt; a description of the programme by default. */
  summary: z.string().trim().min(1).optional(),
});

export type PluginOptions = z.output<typeof pluginOptionsSchema>;
export type Options = z.input<typeof pluginOptionsSchema>;

/** Docusaurus's validateOptions hook: every issue as `field: what is wrong`. */
export function validateOptions({ options }: { options: Options | undefined }): PluginOptions {
  return parsePluginOptions('ai-readable', pluginOptionsSchema, options);
}
