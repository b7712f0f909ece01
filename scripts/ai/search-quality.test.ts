// Search quality on the real knowledge base: the questions a newcomer asks
// first, each with the page that answers it. The page must be in the top
// three results of the same search the `search` MCP tool runs. When this
// fails, tune the ranking (search.ts), not the questions.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './knowledge-base.ts';
import { buildSearchIndex, type SearchIndex } from './search.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const questions: [question: string, answer: string][] = [
  ['what is our p99 target', 'docs/slos'],
  ['how do we roll back a migration', 'runbooks/monorepo-migration'],
  ['which cache did we choose', 'adr/0004-cache-with-redis-cluster-behind-a-three-tier-cache-l1-l2-l3'],
  ['what are the week 4 deliverables', 'docs/plan/phase-1/week-04'],
  ['how do I ingest benchmark results', 'docs/guides/ingesting-benchmark-results'],
  ['how do I record an architecture decision', 'docs/guides/recording-a-decision'],
  ['how do I deploy the knowledge base site', 'runbooks/deploy-the-kb-site'],
  ['what are the main risks and how are they mitigated', 'docs/plan/risk-mitigation'],
  ['what is the error budget', 'docs/slos'],
  ['how much does the programme cost', 'docs/plan/investment-and-returns'],
];

describe('search quality on this knowledge base', () => {
  let index: SearchIndex;
  let ids: Set<string>;
  beforeAll(async () => {
    const kb = await loadKnowledgeBase(repo);
    ids = new Set(kb.records.map((r) => r.id));
    index = buildSearchIndex(kb.records);
  });

  it.each(questions)('"%s" finds %s in the top three', (question, answer) => {
    expect(ids.has(answer), `${answer} is not a document of this knowledge base any more`).toBe(true);
    const top = index.search(question, { limit: 3 }).map((h) => h.id);
    expect(top, `top three for "${question}"`).toContain(answer);
  });
});
