import type { Operation, Run } from '../ingest/run-schema.ts';

/** Hand-written runs for tests: only what a test cares about, valid against runSchema. */
export function makeRun(over: Partial<Run> & { suite: string; id?: string; operations: Operation[] }): Run {
  const startedAt = over.startedAt ?? '2026-11-26T04:00:00Z';
  return {
    schemaVersion: 1,
    id: over.id ?? `${over.suite}-${startedAt.replace(/[-:]/g, '').slice(0, 15).toLowerCase()}`,
    tool: { name: 'locust', version: '2.12.1' },
    format: 'locust-csv',
    ingestedAt: '2026-11-26T05:00:00Z',
    source: { files: ['fixture.csv'], sha256: 'a'.repeat(64) },
    labels: {},
    environment: {},
    ...over,
    startedAt,
  };
}

export function op(name: string, fields: Partial<Operation> = {}): Operation {
  return { name, ...fields };
}
