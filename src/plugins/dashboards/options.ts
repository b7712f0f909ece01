/**
 * Options of the dashboards plugin: one zod schema gives the type, the
 * defaults and the validation Docusaurus calls at startup.
 */
import * as z from 'zod';
import { parsePluginOptions } from '../plugin-options.ts';

export const pluginOptionsSchema = z.strictObject({
  /** Local plugins are loaded with their id; Docusaurus adds it to the options. */
  id: z.string().default('default'),
  /** Where the dashboards live on the site. */
  routeBasePath: z
    .string()
    .regex(/^\/[a-z0-9/-]*[a-z0-9]$/, 'must be a path like /dashboards')
    .default('/dashboards'),
  /** Reviews due within this many days are flagged "due soon" on the freshness dashboard. */
  dueSoonDays: z.number().int().min(0).max(365).default(14),
  /** Build date override (YYYY-MM-DD), for reproducible builds and tests; the build's own date otherwise. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .optional(),
});

export type PluginOptions = z.output<typeof pluginOptionsSchema>;
export type Options = z.input<typeof pluginOptionsSchema>;

/** Docusaurus's validateOptions hook: every issue as `field: what is wrong`. */
export function validateOptions({ options }: { options: Options | undefined }): PluginOptions {
  return parsePluginOptions('dashboards', pluginOptionsSchema, options);
}

/** The five routes, derived from the base path. */
export function dashboardRoutes(base: string) {
  return {
    index: base,
    deliverables: `${base}/deliverables`,
    freshness: `${base}/freshness`,
    decisions: `${base}/decisions`,
    weeks: `${base}/weeks`,
  } as const;
}
