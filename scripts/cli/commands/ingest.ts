import { KbError } from '../../core/errors.ts';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  applyIngest,
  ingest,
  planIngest,
  planRegenerate,
  regressionGate,
  type IngestPlan,
} from '../../report/ingest.ts';
import { calibrate } from '../../report/calibrate.ts';
import { currentMachine } from '../../report/machine.ts';
import { renderCiSummary, siteUrlFromConfig } from '../../report/summary.ts';
import { metricLabel } from '../../report/metrics.ts';
import { explainFinding } from '../../report/render-detection.ts';
import { formatValue } from '../../report/units.ts';
import { common, defineKbCommand } from '../args.ts';

function parseEnv(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const env: Record<string, string> = {};
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 1)
      throw new KbError('BAD_ARGUMENT', `"${pair}" is not key=value`, {
        field: '--env',
        hint: 'write --env "machine=2 cores;command=…"',
      });
    env[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return env;
}

/** `--tool-version 1.15.0`: a short version string (checked before anything is read or written). */
function toolVersionOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const version = text.trim().replace(/^v(?=\d)/, '');
  if (!/^[\w.+-]{1,40}$/.test(version))
    throw new KbError('BAD_ARGUMENT', `"${text}" is not a version`, {
      field: '--tool-version',
      hint: 'pass the version alone, e.g. --tool-version "$(hyperfine --version | cut -d" " -f2)"',
    });
  return version;
}

function summarize(plan: IngestPlan, dryRun: boolean): string {
  const lines: string[] = [];
  for (const { run, status, verdicts, regressions, detection } of plan.runs) {
    lines.push(
      `${status === 'unchanged' ? 'already stored' : status === 'replaced' ? 'replaced' : 'stored'} ${run.id} (${run.tool.name}, ${run.operations.length} operations)`,
    );
    for (const v of verdicts) {
      lines.push(
        `  ${v.verdict === 'pass' ? 'pass' : v.verdict === 'fail' ? 'FAIL' : '  - '} ${v.target}: ${formatValue(v.value, v.unit)} (target ${v.comparison} ${formatValue(v.threshold, v.unit)})`,
      );
    }
    for (const c of regressions)
      lines.push(`  REGRESSION ${c.operation} ${metricLabel(c.metric)}: ${explainFinding(c, detection)}`);
  }
  for (const w of plan.warnings) lines.push(`warning: ${w.file}: ${w.field}: ${w.message} — ${w.hint}`);
  const verb = dryRun ? 'would write' : 'wrote';
  lines.push(
    plan.writes.length
      ? `${verb} ${plan.writes.length} file(s):`
      : plan.removes?.length
        ? 'nothing to write'
        : 'nothing to write: everything is up to date',
  );
  for (const w of plan.writes) lines.push(`  ${w.status === 'new' ? '+' : '~'} ${w.path}`);
  const removes = plan.removes ?? [];
  if (removes.length)
    lines.push(`${dryRun ? 'would remove' : 'removed'} ${removes.length} run page(s) of the old layout:`);
  for (const f of removes) lines.push(`  - ${f}`);
  const suites = [...new Set(plan.runs.filter((r) => r.status !== 'unchanged').map((r) => r.run.suite))];
  for (const suite of suites)
    lines.push(`history, scale test and SLO scorecard are built with the site: /reports/${suite}-history`);
  return `${lines.join('\n')}\n`;
}

/** `--site-url`, validated; else the site config's url + baseUrl; else none (site-relative links). */
async function siteUrlOf(root: string, flag: string | undefined): Promise<string | undefined> {
  if (flag !== undefined) {
    if (!/^https?:\/\/[^\s<>()]+$/.test(flag))
      throw new KbError('BAD_ARGUMENT', `"${flag}" is not an http(s) URL`, {
        field: '--site-url',
        hint: 'pass the site address, e.g. --site-url https://kb.example.org/',
      });
    return flag;
  }
  const config = await fs.readFile(path.join(root, 'docusaurus.config.ts'), 'utf8').catch(() => '');
  return siteUrlFromConfig(config);
}

/** `kb ingest <file…>`: tool output → normalized runs in benchmarks/ → each run's own report page (history views are built with the site). */
export default defineKbCommand({
  meta: {
    name: 'ingest',
    description:
      "Ingest benchmark output (k6, Locust, hyperfine, Lighthouse …), judge it against the SLOs and write the run's report page",
  },
  args: {
    files: {
      type: 'positional',
      description: 'tool output file(s); a Locust *_stats.csv goes with its *_stats_history.csv and *_failures.csv',
      rest: true,
    },
    regenerate: {
      type: 'boolean',
      description: "no input: regenerate every run's report page from benchmarks/ (after editing slo-targets.yaml)",
    },
    suite: { type: 'string', description: 'suite name (lowercase slug); default: from the tool output' },
    label: { type: 'string', description: 'comparable setting, e.g. a load multiple: 1x, 10x, 100x' },
    week: { type: 'string', value: 'week', description: 'plan week 1–12 the run belongs to' },
    baseline: {
      type: 'boolean',
      description: 'mark the run as the baseline later runs are compared with',
    },
    'fail-on-regression': {
      type: 'boolean',
      description: 'exit 3 when a regression is found (files are still written)',
    },
    format: { type: 'string', description: 'force an input format id instead of detecting it' },
    'tool-version': {
      type: 'string',
      description:
        "the tool's version when its output does not record it (hyperfine, k6, wrk, autocannon, Locust): runs of another version are not compared",
    },
    example: { type: 'string', description: 'mark as example data and name its public source (shown on the pages)' },
    env: { type: 'string', description: 'extra environment facts, "key=value;key=value"' },
    force: { type: 'boolean', description: 'replace a stored run with the same id' },
    'dry-run': {
      type: 'boolean',
      description: 'parse, judge and show what would be written; write nothing',
    },
    calibrate: {
      type: 'boolean',
      description:
        "time a fixed CPU workload (~0.2 s) and record the machine's speed with the run, so the detector can tell a busy machine from a slow program",
    },
    summary: {
      type: 'string',
      description:
        'append a Markdown summary (per gated metric: value, baseline, change, verdict, link) to FILE; "-": to $GITHUB_STEP_SUMMARY when set, else stdout',
    },
    'site-url': {
      type: 'string',
      description: 'public URL of the site for links in --summary (default: url + baseUrl of docusaurus.config.ts)',
    },
    json: { type: 'boolean', description: 'print the result as JSON' },
    root: common.root,
  },
  async run({ args, cwd, env, root: findRoot }) {
    const root = findRoot();
    const { files, week } = args;
    let bar:
      | { update(n: number): void; stop(): void; setTotal(n: number): void; start(total: number, start: number): void }
      | undefined;
    const tty = process.stderr.isTTY && !args.json;
    const onProgress = tty
      ? async (file: string, done: number, total: number | undefined) => {
          if (!bar && total) {
            const { default: progress } = await import('cli-progress');
            bar = new progress.SingleBar(
              { format: `${file} [{bar}] {percentage}% | {value}/{total} MB`, stream: process.stderr },
              progress.Presets.shades_classic,
            );
            bar.start(Math.ceil(total / 1e6), 0);
          }
          bar?.update(Math.floor(done / 1e6));
        }
      : undefined;
    // Validated before anything is written: a bad --site-url leaves no run behind.
    const siteUrl = args.summary === undefined ? undefined : await siteUrlOf(root, args['site-url']);
    let plan: IngestPlan;
    try {
      const regenerate = args.regenerate && files.length === 0;
      // A real ingest plans and writes in one step that retries when a parallel ingest takes the chosen run id.
      const store = regenerate || args['dry-run'] ? planIngest : ingest;
      plan = regenerate
        ? await planRegenerate(root)
        : await store(root, files, {
            suite: args.suite,
            label: args.label,
            week,
            baseline: args.baseline || undefined,
            example: args.example,
            format: args.format,
            toolVersion: toolVersionOf(args['tool-version']),
            env: parseEnv(args.env),
            force: args.force,
            machine: currentMachine(),
            calibration: args.calibrate ? calibrate() : undefined,
            cwd,
            now: new Date(),
            onProgress: onProgress ? (f, d, t) => void onProgress(f, d, t) : undefined,
          });
    } finally {
      bar?.stop();
    }
    if (!args['dry-run'] && args.regenerate && files.length === 0) await applyIngest(root, plan);
    const gate = regressionGate(plan);
    if (args.json) {
      process.stdout.write(
        `${JSON.stringify({ dryRun: args['dry-run'], runs: plan.runs.map((r) => ({ id: r.run.id, status: r.status, verdicts: r.verdicts, regressions: r.regressions })), writes: plan.writes.map((w) => ({ path: w.path, status: w.status })), removes: plan.removes ?? [], warnings: plan.warnings }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(summarize(plan, args['dry-run']));
    }
    if (args.summary !== undefined) {
      const text = renderCiSummary(plan.runs, { siteUrl });
      const target = args.summary === '-' ? env.GITHUB_STEP_SUMMARY || undefined : args.summary;
      // Appended, never overwritten: $GITHUB_STEP_SUMMARY collects every step's summary.
      if (target) await fs.appendFile(path.resolve(cwd, target), text, 'utf8');
      else process.stdout.write(text);
    }
    if (args['fail-on-regression'] && gate.fail) {
      throw new KbError('REGRESSION', `${gate.regressions.length} regression(s) found`, {
        hint: args['dry-run']
          ? 'nothing was written (--dry-run)'
          : 'the run and its report were written; see the report page',
      });
    }
  },
});
