/** Public API of ingest: tool output → normalized runs. See README.md in this folder. */
export { parseRunFiles, parseRuns, type ParseOptions, type RunFile } from './parse-run.ts';
export { runFileFromPath, STREAM_FROM_BYTES } from './files.ts';
export { detectFormat, type DetectInput } from './detect.ts';
export { K6NdjsonReader } from './k6-ndjson.ts';
export * from './run-schema.ts';
