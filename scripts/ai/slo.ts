/**
 * The SLO scorecard for `slo_status`: the latest verdict per target, read by
 * scripts/report/scorecard.ts. A missing targets file or an empty run store
 * becomes a plain note, never a failed tool call.
 */
import { loadSloScorecard } from '../report/scorecard.ts';

export interface SloStatusEntry {
  target: string;
  title?: string;
  verdict: string;
  value?: number;
  unit?: string;
  comparison?: string;
  threshold?: number;
  margin?: number;
  suite?: string;
  date?: string;
  example?: boolean;
  report?: string;
}

export interface SloStatus {
  entries: SloStatusEntry[];
  /** Why there is nothing (or little) to show, said plainly. */
  note?: string;
}

export async function loadSloStatus(
  root: string,
  load: (root: string) => Promise<SloStatusEntry[]> = loadSloScorecard,
): Promise<SloStatus> {
  let entries: SloStatusEntry[];
  try {
    entries = await load(root);
  } catch (error) {
    const message =
      error && typeof error === 'object' && 'format' in error && typeof error.format === 'function'
        ? String(error.format())
        : error instanceof Error
          ? error.message
          : String(error);
    return { entries: [], note: `No SLO status: ${message}` };
  }
  if (entries.length === 0) return { entries, note: 'No SLO targets are defined (slo-targets.yaml is empty).' };
  if (entries.every((e) => e.verdict === 'not measured')) {
    return { entries, note: 'No runs are ingested yet that measure any target: run `kb ingest <results.json>` first.' };
  }
  return { entries };
}
