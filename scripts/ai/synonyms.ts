/**
 * The team's words for the knowledge base's words: a small thesaurus of the
 * programme's domain (operations, performance, planning), used at query time
 * by both searches — `kb mcp` search (scripts/ai/search.ts) and the site's
 * Pagefind box (src/components/Search/relaxed.ts). Each group lists words that
 * mean the same thing here; a query word from a group also looks for the
 * others, at a lower weight than the words typed. Pure data, no imports, so
 * the browser bundle can take it.
 *
 * Add a group when people use a word the pages do not; never add a page
 * title or a question.
 */
export const synonymGroups: readonly (readonly string[])[] = [
  ['rollback', 'roll back', 'revert', 'undo', 'previous release', 'restore'],
  ['deploy', 'deployment', 'publish', 'release', 'ship', 'go live', 'launch'],
  ['production', 'live', 'prod'],
  ['risk', 'threat', 'danger', 'concern', 'wrong', 'pushback', 'resistance', 'push back'],
  ['cost', 'costs', 'money', 'budget', 'spend', 'price', 'investment', 'dollars'],
  ['return', 'returns', 'benefit', 'payoff', 'speed-up', 'speedup', 'faster', 'productivity'],
  ['target', 'targets', 'goal', 'objective', 'slo', 'sla', 'promise', 'promised'],
  ['uptime', 'availability', 'available', 'downtime'],
  ['latency', 'response time', 'fast', 'slow', 'speed'],
  ['scorecard', 'status', 'verdict', 'meeting'],
  ['training', 'train', 'learn', 'course', 'curriculum', 'onboarding', 'teach'],
  ['decision', 'decide', 'choose', 'chose', 'chosen', 'pick', 'picked', 'select', 'adr', 'why'],
  ['deliverable', 'deliverables', 'hand in', 'day 7', 'day-7'],
  ['ingest', 'import', 'upload', 'add results'],
  ['benchmark', 'load test', 'measurement', 'measurements', 'numbers', 'results', 'figures'],
  ['scale', 'scaling', 'traffic', 'load', 'capacity', 'heavy', '10x', '100x'],
  ['architecture', 'diagram', 'big picture', 'overview', 'design'],
  ['migration', 'migrate', 'monorepo', 'consolidate', 'moving'],
  ['cutover', 'switch', 'switch over', 'switchover', 'go/no-go'],
  ['queue', 'broker', 'background', 'jobs', 'tasks', 'messages', 'celery'],
  ['monitoring', 'observability', 'metrics', 'traces', 'tracing', 'dashboards', 'alerts'],
  ['infrastructure', 'provision', 'provisions', 'iac', 'cloud'],
  ['cdn', 'edge', 'close to users'],
  ['analytics', 'analytical', 'warehouse', 'reporting data'],
  ['internal', 'service-to-service', 'between services', 'talk to each other', 'grpc'],
  ['version', 'versions', 'old', 'previous version', 'archived'],
  ['runbook', 'procedure', 'operations', 'step by step', 'how-to'],
  ['baseline', 'first measurements', 'starting point'],
  ['readiness', 'go live', 'go-live', 'launch'],
  ['search', 'full-text', 'find text'],
  ['regenerate', 're-ingest', 'rebuild', 'refresh'],
  ['build', 'compile', 'build time'],
  ['week', 'weekly', 'this week'],
  ['next steps', 'first', 'immediate', 'kick off', 'start'],
];

/** A word without its plain inflection, so "pushing back" meets "push back". */
const base = (word: string) => (word.length > 4 ? word.replace(/(?:ing|ed|s)$/, '') : word);
const phrase = (text: string) =>
  ` ${text
    .toLowerCase()
    .split(/[^\p{L}\p{N}/-]+/u)
    .filter(Boolean)
    .map(base)
    .join(' ')} `;

/**
 * The thesaurus groups a query touches: the entry it used (`word`, as typed
 * in the group) and the group's other entries. Multi-word entries match as a
 * phrase; plain inflections (-s, -ed, -ing) are ignored on both sides.
 */
export function synonymsIn(query: string): { word: string; alternatives: string[] }[] {
  const text = phrase(query);
  const found: { word: string; alternatives: string[] }[] = [];
  for (const group of synonymGroups) {
    const hit = group.find((w) => text.includes(phrase(w)));
    if (hit) found.push({ word: hit, alternatives: group.filter((w) => w !== hit) });
  }
  return found;
}
