/**
 * npm run bench:cli — times `kb adr new` against Debian's adr-tools `adr new`
 * in temp checkouts holding 1,000 records each, same machine, same run,
 * runs interleaved so background load hits both alike. Prints both medians
 * and the ratio (target: kb ≤ 1.5× adr-tools).
 *
 * BENCH_CLI_RUNS (default 15) sets the timed runs per tool; KB_NO_BUNDLE=1
 * times kb straight from its TypeScript sources through tsx.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const records = 1000;
const runs = Number(process.env.BENCH_CLI_RUNS ?? 15);
const pad = (n: number) => String(n).padStart(4, '0');

function ensureAdrTools(): string {
  const found = spawnSync('sh', ['-c', 'command -v adr'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  console.log('adr-tools not found: apt-get install -y adr-tools');
  execFileSync('apt-get', ['install', '-y', 'adr-tools'], { stdio: 'inherit' });
  return spawnSync('sh', ['-c', 'command -v adr'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * A kb checkout: a snapshot of the tool (scripts/, templates/, package.json;
 * node_modules linked) and adr/ with 1,000 MADR 4 records. Timing a snapshot
 * keeps edits to the live tree from rebuilding kb's cached bundle mid-run.
 */
function makeKbCheckout(dir: string): void {
  mkdirSync(path.join(dir, 'adr'), { recursive: true });
  for (const part of ['scripts', 'templates', 'package.json', 'docusaurus.config.ts'])
    cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  for (let i = 1; i <= records; i++) {
    writeFileSync(
      path.join(dir, 'adr', `${pad(i)}-existing-decision-${i}.md`),
      `---\nadr: ${i}\ntitle: Existing decision ${i}\nstatus: accepted\ndate: 2025-01-01\ndecision-makers: []\nconsulted: []\ninformed: []\ntags: []\n---\n\n# Existing decision ${i}\n\n## Context and Problem Statement\n\nSynthetic record for the benchmark.\n`,
    );
  }
}

/** An adr-tools checkout: doc/adr with 1,000 Nygard records and the .adr-dir marker. */
function makeAdrToolsCheckout(dir: string): void {
  mkdirSync(path.join(dir, 'doc', 'adr'), { recursive: true });
  writeFileSync(path.join(dir, '.adr-dir'), 'doc/adr\n');
  for (let i = 1; i <= records; i++) {
    writeFileSync(
      path.join(dir, 'doc', 'adr', `${pad(i)}-existing-decision-${i}.md`),
      `# ${i}. Existing decision ${i}\n\nDate: 2025-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nSynthetic record for the benchmark.\n`,
    );
  }
}

function time(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const adr = ensureAdrTools();
const work = mkdtempSync(path.join(os.tmpdir(), 'kb-bench-cli-'));
try {
  const kbDir = path.join(work, 'kb');
  const toolsDir = path.join(work, 'adr-tools');
  makeKbCheckout(kbDir);
  makeAdrToolsCheckout(toolsDir);
  // adr new opens $VISUAL/$EDITOR when set: unset both so it only writes the file.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.VISUAL;
  delete env.EDITOR;
  const kbEnv = env;
  const kbBin = path.join(kbDir, 'scripts', 'bin', 'kb.mjs');
  const first = time(process.execPath, [kbBin, 'adr', 'new', 'Warm-up decision'], kbDir, kbEnv);
  time(adr, ['new', 'Warm-up decision'], toolsDir, env);
  const kb: number[] = [];
  const tools: number[] = [];
  for (let i = 0; i < runs; i++) {
    tools.push(time(adr, ['new', `Bench decision ${i}`], toolsDir, env));
    kb.push(time(process.execPath, [kbBin, 'adr', 'new', `Bench decision ${i}`], kbDir, kbEnv));
  }
  const made = spawnSync('sh', ['-c', `ls ${JSON.stringify(path.join(kbDir, 'adr'))} | tail -n 1`], {
    encoding: 'utf8',
  }).stdout.trim();
  if (!existsSync(path.join(kbDir, 'adr', made)) || !made.startsWith(pad(records + runs + 1)))
    throw new Error(`unexpected last kb record: ${made}`);
  const kbMedian = median(kb);
  const toolsMedian = median(tools);
  const ratio = kbMedian / toolsMedian;
  const mode = process.env.KB_NO_BUNDLE === '1' ? 'tsx from sources' : 'cached bundle';
  console.log(
    `bench:cli — ${records} existing records, ${runs} interleaved runs each, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `  kb adr new  (${mode})  median ${kbMedian.toFixed(1)} ms  (min ${Math.min(...kb).toFixed(1)}, first run ${first.toFixed(1)} ms)`,
  );
  console.log(
    `  adr new     (adr-tools)      median ${toolsMedian.toFixed(1)} ms  (min ${Math.min(...tools).toFixed(1)})`,
  );
  console.log(`  ratio kb / adr-tools = ${ratio.toFixed(2)}×  (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'missed'})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
