/**
 * Units of SLO targets and how they map onto the normalized units of a run
 * (ms for time, rps for rates, ratio for error rates). Targets are written in
 * the unit people think in (`5 min`, `0.1 %`, `1M per minute`); verdicts are
 * computed in the run's unit and shown back in the target's.
 */
export const targetUnits = {
  ms: { canonical: 'ms', factor: 1 },
  s: { canonical: 'ms', factor: 1000 },
  min: { canonical: 'ms', factor: 60_000 },
  h: { canonical: 'ms', factor: 3_600_000 },
  '%': { canonical: 'ratio', factor: 0.01 },
  ratio: { canonical: 'ratio', factor: 1 },
  rps: { canonical: 'rps', factor: 1 },
  'per-minute': { canonical: 'rps', factor: 1 / 60 },
  users: { canonical: 'users', factor: 1 },
  count: { canonical: 'count', factor: 1 },
  bytes: { canonical: 'bytes', factor: 1 },
  TB: { canonical: 'bytes', factor: 1e12 },
  score: { canonical: 'score', factor: 1 },
} as const;

export type TargetUnit = keyof typeof targetUnits;
export const targetUnitNames = Object.keys(targetUnits) as TargetUnit[];

/** A value in a target unit → the run's normalized unit. */
export function toCanonical(value: number, unit: TargetUnit): number {
  return value * targetUnits[unit].factor;
}

/** A value in the run's normalized unit → the target unit. */
export function fromCanonical(value: number, unit: TargetUnit): number {
  return value / targetUnits[unit].factor;
}

/** Rounds for display and front matter: 4 significant digits (99.99 stays 99.99), whole numbers from 1000 up. */
export function roundValue(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}

const unitSuffix: Record<string, string> = { '%': ' %', ratio: '', 'per-minute': '/min', rps: ' rps' };

/**
 * A rounded value as a table shows it: `12.3`, `10,000`: what `toLocaleString('en-US', { maximumFractionDigits: 0 })`
 * writes, grouped by hand. Intl is not used: the first Intl.NumberFormat of a process loads ICU's data (about
 * 25 ms of a `kb ingest`), and toLocaleString with options makes a new formatter at every call (about 70 µs;
 * a suite's history page shows thousands of figures).
 */
export function valueText(rounded: number): string {
  const abs = Math.abs(rounded);
  if (abs < 1000) return String(rounded);
  // Whole numbers past 2^53 print in exponent form or lose digits, and ∞: never a benchmark figure, but as before.
  if (!(abs < Number.MAX_SAFE_INTEGER)) return rounded.toLocaleString('en-US', { maximumFractionDigits: 0 });
  // Intl rounds half away from zero; Math.round rounds half up, so it is applied to the magnitude.
  const digits = String(Math.round(abs)).replace(/\B(?=(\d{3})+$)/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
}

/** `12.3 ms`, `0.05 %`, `1.2 min`, `10,000 rps`. */
export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const text = valueText(roundValue(value));
  const suffix = unitSuffix[unit] ?? ` ${unit}`;
  return `${text}${suffix}`;
}
