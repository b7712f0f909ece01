// Prints kb's calibration (scripts/report/calibrate.ts) as JSON: produce.sh runs it right after each benchmark run, as kb ingest would.
import { calibrate } from '../../scripts/report/calibrate.ts';

process.stdout.write(`${JSON.stringify({ ...calibrate(), at: new Date().toISOString() })}\n`);
