import { afterEach, describe, expect, it, vi } from 'vitest';

const scope = globalThis as unknown as { window?: unknown; __webpack_require__?: { l?: (...args: unknown[]) => void } };

afterEach(() => {
  delete scope.window;
  delete scope.__webpack_require__;
  vi.useRealTimers();
  vi.resetModules();
});

describe('spread-chunk-loads', () => {
  it("runs each of webpack's script loads in a task of its own, with the same arguments", async () => {
    vi.useFakeTimers();
    const original = vi.fn();
    scope.window = {};
    scope.__webpack_require__ = { l: original };
    await import('./spread-chunk-loads.ts');
    const done = () => {};
    scope.__webpack_require__.l!('/assets/js/a.1.js', done, 'a', 'a');
    scope.__webpack_require__.l!('/assets/js/b.2.js', done, 'b', 'b');
    expect(original).not.toHaveBeenCalled();
    // One timer per load: each runs as a task of its own.
    expect(vi.getTimerCount()).toBe(2);
    vi.runAllTimers();
    expect(original.mock.calls).toEqual([
      ['/assets/js/a.1.js', done, 'a', 'a'],
      ['/assets/js/b.2.js', done, 'b', 'b'],
    ]);
  });

  it('leaves the server render alone (no window)', async () => {
    const original = vi.fn();
    scope.__webpack_require__ = { l: original };
    await import('./spread-chunk-loads.ts');
    expect(scope.__webpack_require__.l).toBe(original);
  });
});
