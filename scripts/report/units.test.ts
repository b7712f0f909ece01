import { describe, expect, it } from 'vitest';
import { signedPercent } from './markdown.ts';
import { formatValue, valueText } from './units.ts';

describe('valueText', () => {
  it('writes what toLocaleString en-US with no fraction digits writes, without Intl', () => {
    const reference = (n: number) =>
      Math.abs(n) >= 1000 ? n.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(n);
    const edges = [0, 12.3, 999.5, -999.5, 1000, 1234.5, -1500.5, 10_000, 12_345_678.9, -2_000_000, 999_999.5];
    const large = [-1234.4999, 100_000, 123_456.5, 1e15 + 0.5, 2 ** 53 + 2, 1e21, -1e22, Number.POSITIVE_INFINITY];
    for (const n of [...edges, ...large]) expect(valueText(n)).toBe(reference(n));
    // A spread of magnitudes and fractions, half-way cases among them.
    for (let e = 3; e <= 15; e++)
      for (const f of [0, 0.25, 0.5, 0.75, 0.4999]) {
        const n = 1.2345678 * 10 ** e + f;
        expect(valueText(n)).toBe(reference(n));
        expect(valueText(-n)).toBe(reference(-n));
      }
    expect(valueText(1234.5)).toBe('1,235');
    expect(valueText(-1500.5)).toBe('-1,501');
  });

  it('is what formatValue puts before the unit', () => {
    expect(formatValue(10_000, 'rps')).toBe('10,000 rps');
    expect(formatValue(12.345, 'ms')).toBe(`${valueText(12.35)} ms`);
    expect(formatValue(undefined, 'ms')).toBe('—');
  });
});

describe('signedPercent', () => {
  it('shows a change with one decimal, or its first significant digit under 0.1 %', () => {
    expect([0.5061, 0.07515, -0.01304, 1, 0.1243, 0.0004, -0.00004, 0].map(signedPercent)).toEqual([
      '+50.6 %',
      '+7.5 %',
      '-1.3 %',
      '+100 %',
      '+12.4 %',
      '+0.04 %',
      '-0.004 %',
      '0 %',
    ]);
    expect(signedPercent(undefined)).toBe('—');
  });
});
