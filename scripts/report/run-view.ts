/** What a run's report shows, computed before rendering; shared by render-run.ts and page-summary.ts. */
import type { Run } from '../ingest/run-schema.ts';
import type { Detection, Finding } from './detect.ts';
import type { Change } from './regression.ts';
import type { SloTarget } from './slo-targets.ts';
import type { Verdict } from './verdict.ts';

/** Everything a run's report section shows, computed before rendering. */
export interface RunView {
  run: Run;
  verdicts: Verdict[];
  previous?: { run: Run; changes: Change[] };
  baseline?: { run: Run; changes: Change[] };
  /** Every comparable run of the suite (same label), oldest first, this one included (for trend charts). */
  history: Run[];
  /** The regression decision for this run (detect.ts). */
  detection: Detection;
  targets: SloTarget[];
}

/** The regressions the detector flagged (decided in detect.ts, not here). */
export function regressionsOf(view: RunView): Finding[] {
  return view.detection.regressions;
}
