import os from 'node:os';
import type { Machine } from '../ingest/run-schema.ts';

/** This machine's fingerprint (an edge: the CLI reads it and passes it to planIngest). */
export function currentMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim() || 'unknown',
    cores: Math.max(1, os.availableParallelism?.() ?? cpus.length),
    os: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
  };
}
