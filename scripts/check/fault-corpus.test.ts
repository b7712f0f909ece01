import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from './check.ts';
import { loadFaults } from './fault-corpus/corpus.ts';
import { makeKb, removeKb } from './test-support.ts';

// The kb check half of the differential test (the build half is
// e2e/check-vs-build.test.ts): every fault of the corpus, alone in a small
// clean knowledge base, gives exactly the findings its expect.json names.
const faults = loadFaults();
const now = new Date('2025-01-10T00:00:00Z');

/** A clean base: one guide the fault pages sit beside. */
const base = {
  'docs/guides/index.md':
    '---\ntitle: Guides\nkind: guide\nstatus: published\nowner: kb-maintainers\ndate: 2025-01-06\ndescription: Guides.\n---\n\n# Guides\n\nText.\n',
};

describe('kb check on the fault corpus', () => {
  let clean: string;
  beforeAll(async () => {
    clean = await makeKb(base);
  });
  afterAll(async () => removeKb(clean));

  it('passes the clean base', async () => {
    const result = await runCheck(clean, { now, cacheDir: false });
    expect(result.findings).toEqual([]);
  });

  it.each(faults.map((f) => [f.id, f] as const))(
    '%s',
    async (_id, fault) => {
      const root = await makeKb({ ...base, ...fault.files });
      try {
        const result = await runCheck(root, { now, cacheDir: false });
        const got = result.findings.map((f) => ({ path: f.path, line: f.line, rule: f.rule, severity: f.severity }));
        expect(got).toEqual(fault.check);
      } finally {
        await removeKb(root);
      }
    },
    60_000,
  );
});

describe('kb check on the whole corpus at once', () => {
  it('reports every fault in one run (the build stops at the first)', async () => {
    const root = await makeKb({ ...base, ...Object.assign({}, ...faults.map((f) => f.files)) });
    try {
      const result = await runCheck(root, { now, cacheDir: false });
      const got = result.findings.map((f) => ({ path: f.path, line: f.line, rule: f.rule, severity: f.severity }));
      expect(got).toEqual(
        faults
          .flatMap((f) => f.check)
          .sort((a, b) =>
            a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.rule.localeCompare(b.rule),
          ),
      );
    } finally {
      await removeKb(root);
    }
  }, 60_000);
});
