import { useMemo, useState, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Mermaid from '@theme/Mermaid';
import type { AdrIndexData, AdrIndexEntry } from '../../plugins/adr-index/model';
import styles from './styles.module.css';

export function StatusBadge({ status }: { status: string }): ReactNode {
  return <span className={`${styles.badge} ${styles[`badge-${status}`] ?? ''}`}>{status}</span>;
}

function byMonth(records: readonly AdrIndexEntry[]): [string, AdrIndexEntry[]][] {
  const months = new Map<string, AdrIndexEntry[]>();
  for (const r of [...records].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)) {
    const m = r.date.slice(0, 7);
    months.set(m, [...(months.get(m) ?? []), r]);
  }
  return [...months];
}

/** The /adr index: filter by status and tag, the records table, a timeline and the graph of supersedes and links. */
export default function AdrIndex({ data }: { data: AdrIndexData }): ReactNode {
  const [status, setStatus] = useState<string>('all');
  const [tag, setTag] = useState<string>('all');
  const shown = useMemo(
    () =>
      data.records.filter((r) => (status === 'all' || r.status === status) && (tag === 'all' || r.tags.includes(tag))),
    [data.records, status, tag],
  );
  const count = (s: string) => data.records.filter((r) => r.status === s).length;
  return (
    <div>
      <div className={styles.filters} role="group" aria-label="Filter by status">
        {['all', ...data.statuses].map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            className={`${styles.filter} ${status === s ? styles.active : ''}`}
            onClick={() => setStatus(s)}
          >
            {s} <span className={styles.count}>{s === 'all' ? data.records.length : count(s)}</span>
          </button>
        ))}
        <label className={styles.tagFilter}>
          Tag{' '}
          <select value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="all">all tags</option>
            {data.tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>#</th>
            <th>Decision</th>
            <th>Status</th>
            <th>Date</th>
            <th>Tags</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.number} id={`adr-${r.number}`}>
              <td>{r.number}</td>
              <td>
                <Link to={r.url}>{r.title}</Link>
                {r.supersededBy ? <span className={styles.note}> → replaced by ADR {r.supersededBy}</span> : null}
                {r.supersedes.length > 0 ? (
                  <span className={styles.note}> (supersedes {r.supersedes.map((n) => `ADR ${n}`).join(', ')})</span>
                ) : null}
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                <time dateTime={r.date}>{r.date}</time>
              </td>
              <td>{r.tags.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p>No record matches these filters.</p> : null}
      <h2 id="timeline">Timeline</h2>
      <ol className={styles.timeline}>
        {byMonth(shown).map(([month, records]) => (
          <li key={month}>
            <strong>{month}</strong>
            <ul>
              {records.map((r) => (
                <li key={r.number}>
                  <time dateTime={r.date}>{r.date}</time>{' '}
                  <Link to={r.url}>
                    ADR {r.number}: {r.title}
                  </Link>{' '}
                  <StatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <h2 id="graph">How decisions relate</h2>
      {data.graph ? (
        <>
          <p>
            Solid arrows: supersedes. Dotted arrows: amends, depends on, relates to, clarifies. Click a box to open the
            record.
          </p>
          <div className={styles.graph}>
            <Mermaid value={data.graph} />
          </div>
        </>
      ) : (
        <p>No record supersedes or links another yet.</p>
      )}
    </div>
  );
}
