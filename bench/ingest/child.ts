import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { readChunks } from '../../scripts/ingest/files.ts';
import { parseRunFiles } from '../../scripts/ingest/parse-run.ts';

/**
 * The measured side of bench:ingest, in its own process so its peak RSS is the
 * ingest's alone: streams the file through parseRunFiles and prints one JSON
 * line with the elapsed time, peak RSS and the normalized operations.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: child.ts FILE');
const size = statSync(file).size;
const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      { format: 'ingest [{bar}] {percentage}% | {value}/{total} MB', stream: process.stderr },
      cliProgress.Presets.shades_classic,
    )
  : undefined;
bar?.start(Math.round(size / 1e6), 0);
let lastShown = 0;
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const run = await parseRunFiles([{ path: file, size, stream: () => readChunks(file) }], {
  now: new Date(),
  onProgress: (done) => {
    if (bar && done - lastShown > 16e6) {
      lastShown = done;
      bar.update(Math.round(done / 1e6));
    }
  },
});
const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
bar?.update(Math.round(size / 1e6));
bar?.stop();
process.stdout.write(
  `${JSON.stringify({ elapsedMs, cpuMs, maxRssKb: process.resourceUsage().maxRSS, operations: run.operations, timelinePoints: run.timeline?.length ?? 0 })}\n`,
);
