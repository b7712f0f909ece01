import { promises as fs } from 'node:fs';
import type { RunFile } from './parse-run.ts';

/** Files at least this big are streamed instead of read whole (k6 NDJSON runs to gigabytes). */
export const STREAM_FROM_BYTES = 32 * 1024 * 1024;

const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Reads a file in 4 MB chunks into two buffers used in turn. A fresh buffer
 * per chunk (what fs.createReadStream does) costs a page fault per 4 KiB on
 * every chunk, because allocations that large are mmap'ed and unmapped each
 * time; reusing two buffers removed most of the first-touch cost in
 * bench:ingest. A chunk is valid until the one after next is requested;
 * parseRuns copies what it keeps.
 */
export async function* readChunks(file: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)];
    for (let turn = 0; ; turn ^= 1) {
      const buffer = buffers[turn]!;
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The thin edge for the CLI: a path on disk → a RunFile. Small files are read
 * whole; big ones are handed over as a chunk stream so the k6 NDJSON path runs
 * in constant memory. `shownAs` is the name used in messages and in the run's
 * source.files (pass the path relative to the project).
 */
export async function runFileFromPath(absolutePath: string, shownAs = absolutePath): Promise<RunFile> {
  const stat = await fs.stat(absolutePath);
  if (stat.size >= STREAM_FROM_BYTES) return { path: shownAs, size: stat.size, stream: () => readChunks(absolutePath) };
  return { path: shownAs, size: stat.size, bytes: await fs.readFile(absolutePath) };
}
