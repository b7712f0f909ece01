import type { FormatId, Run } from './run-schema.ts';

/** One input file after decoding; `path` is how errors name it. */
export interface SourceText {
  path: string;
  text: string;
  /** Set when the bytes were not UTF-8 (see decodeText). */
  encoding?: string;
}

/** What an adapter produces: a run without the identity and labels that parseRuns adds. */
export type RunBody = Pick<Run, 'tool' | 'format' | 'environment' | 'operations'> &
  Partial<Pick<Run, 'startedAt' | 'durationMs' | 'timeline' | 'checks' | 'thresholds'>> & {
    /** Multi-run inputs (github-action-benchmark data.js) name each run's suite. */
    suiteHint?: string;
  };

/** Adapters for whole-file formats: decoded files in, one or more run bodies out. */
export type Adapter = (files: SourceText[]) => RunBody[];

export type { FormatId };
