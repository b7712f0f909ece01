import { createReadStream, promises as fs } from 'node:fs';
import type { RunFile } from './parse-run.ts';

/** Files at least this big are streamed instead of read whole (k6 NDJSON runs to gigabytes). */
export const STREAM_FROM_BYTES = 32 * 1024 * 1024;

/**
 * The thin edge for the CLI: a path on disk → a RunFile. Small files are read
 * whole; big ones are handed over as a stream factory (4 MB chunks) so the
 * k6 NDJSON path runs in constant memory. `shownAs` is the name used in
 * messages and in the run's source.files (pass the path relative to the project).
 */
export async function runFileFromPath(absolutePath: string, shownAs = absolutePath): Promise<RunFile> {
  const stat = await fs.stat(absolutePath);
  if (stat.size >= STREAM_FROM_BYTES) {
    return { path: shownAs, size: stat.size, stream: () => createReadStream(absolutePath, { highWaterMark: 4 * 1024 * 1024 }) };
  }
  return { path: shownAs, size: stat.size, bytes: await fs.readFile(absolutePath) };
}
