import { KbError } from '../../core/errors.ts';
import { common, defineKbCommand } from '../args.ts';
import { runCheck } from '../../check/check.ts';
import { checkExitCode, formatFinding } from '../../check/findings.ts';

/** `kb check [--json] [--strict]`: every rule over the whole knowledge base, for CI and editors. */
export default defineKbCommand({
  meta: {
    name: 'check',
    description:
      'Check what would break the build (MDX, imports, components, front matter, routes, links) and the pages (Mermaid), plus ADR integrity, placeholders and review dates',
  },
  args: {
    json: { type: 'boolean', description: 'print the findings as JSON' },
    strict: { type: 'boolean', description: 'fail on warnings too' },
    root: common.root,
    cache: {
      type: 'boolean',
      description:
        'reuse MDX, Mermaid and front matter results of unchanged text (node_modules/.cache/kb-check); --no-cache recomputes all',
      default: true,
    },
  },
  async run({ args, root }) {
    const result = await runCheck(root(), { now: new Date(), ...(args.cache ? {} : { cacheDir: false as const }) });
    const code = checkExitCode(result.summary, args.strict);
    if (args.json) {
      process.stdout.write(
        `${JSON.stringify({ ok: code === 0, strict: args.strict, documents: result.documents, ...result.summary, findings: result.findings }, null, 2)}\n`,
      );
    } else {
      for (const f of result.findings) process.stdout.write(`${formatFinding(f)}\n`);
      const { errors, warnings } = result.summary;
      process.stdout.write(
        `kb check: ${result.documents} documents, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
      );
    }
    if (code !== 0) {
      throw new KbError(
        'CHECK_FAILED',
        args.strict && result.summary.errors === 0 ? 'warnings found (--strict)' : 'errors found',
        { hint: 'fix the findings listed above' },
      );
    }
  },
});
