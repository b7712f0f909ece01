import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkRewrites } from './rewrite-check.ts';

const require = createRequire(import.meta.url);
const ledger = require('./ledger.cjs') as {
  reset(): void;
  record(name: string, applied: boolean): void;
  counts(): Map<string, { seen: number; applied: number }>;
};

describe('checkRewrites', () => {
  it('passes when every expected rewrite changed its input at least once', () => {
    ledger.reset();
    ledger.record('a', true);
    ledger.record('b', false);
    ledger.record('b', true);
    expect(checkRewrites(['a', 'b'], ledger.counts(), false)).toEqual({ failures: [], unverified: [] });
  });
  it('fails a rewrite that ran without changing anything, cache or not', () => {
    ledger.reset();
    ledger.record('a', false);
    expect(checkRewrites(['a'], ledger.counts(), true).failures).toEqual([
      'a: ran 1× and changed nothing (its target text is gone)',
    ]);
  });
  it('fails a rewrite that never ran, unless a persistent cache may have served its module', () => {
    ledger.reset();
    expect(checkRewrites(['gone'], ledger.counts(), false).failures).toEqual([
      'gone: never ran (its target module is no longer in the build)',
    ]);
    expect(checkRewrites(['gone'], ledger.counts(), true)).toEqual({ failures: [], unverified: ['gone'] });
  });
  it('starts from nothing after reset (a second build in the same process)', () => {
    ledger.record('a', true);
    ledger.reset();
    expect(ledger.counts().size).toBe(0);
  });
});
