import { describe, expect, it } from 'vitest';
import { fnv1a, fnv1aHex, fnv1aStep, FNV_OFFSET } from './fnv1a.mjs';

describe('fnv1a', () => {
  it('gives the published FNV-1a 32-bit test vectors', () => {
    expect(['', 'a', 'foobar'].map((text) => fnv1aHex(text))).toEqual(['811c9dc5', 'e40c292c', 'bf9cf968']);
  });

  it('hashes bytes, strings and step-by-step loops alike', () => {
    const bytes = new TextEncoder().encode('http_req_duration');
    let h = FNV_OFFSET;
    for (const b of bytes) h = fnv1aStep(h, b);
    expect(h >>> 0).toBe(fnv1a(bytes));
    expect(fnv1a(bytes)).toBe(fnv1a('http_req_duration'));
    expect(fnv1a('x', 1)).not.toBe(fnv1a('x'));
  });
});
