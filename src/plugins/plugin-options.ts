import type { z } from 'zod';

/**
 * The body of every local plugin's `validateOptions` hook: parse the options
 * with the plugin's schema and report every issue as `field: what is wrong`,
 * naming the file that defines the options.
 */
export function parsePluginOptions<S extends z.ZodType>(plugin: string, schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
  throw new Error(`${plugin} plugin options: ${issues.join('; ')} — see src/plugins/${plugin}/options.ts`);
}
