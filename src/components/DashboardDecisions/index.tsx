import type { ReactNode } from 'react';
import { decisionStatuses, type DecisionsData } from '../../plugins/dashboards/types';
import DashboardLayout, { tableStyle, Badge, Bar, DocLink, styles } from '../DashboardLayout';

/** /dashboards/decisions: ADR counts by status, month by month, and every record. */
export default function DashboardDecisions({ data }: { data: DecisionsData }): ReactNode {
  const max = Math.max(1, ...data.months.map((m) => decisionStatuses.reduce((n, s) => n + m.cumulative[s], 0)));
  const segments = (counts: Record<string, number>) =>
    decisionStatuses.map((s) => ({ value: counts[s] ?? 0, className: styles[`fill-${s}`]!, label: s }));
  return (
    <DashboardLayout
      current="decisions"
      title="Decision log"
      description="Architecture decision records by status over time."
      asOf={data.asOf}
    >
      <p>
        {decisionStatuses.map((s) => (
          <span key={s} className={styles.stat}>
            <span className={styles.statValue}>{data.totals[s]}</span>
            {s}
          </span>
        ))}
      </p>
      <h2>Records by month</h2>
      <p>Each bar counts every record decided up to the end of the month, coloured by its status today.</p>
      <div className={styles.legend}>
        {decisionStatuses.map((s) => (
          <span key={s}>
            <span className={`${styles.swatch} ${styles[`fill-${s}`]}`} />
            {s}
          </span>
        ))}
      </div>
      {data.months.length === 0 ? <p>No dated records yet.</p> : null}
      <table className={styles.table} style={tableStyle}>
        <tbody>
          {data.months.map((m) => {
            const total = decisionStatuses.reduce((n, s) => n + m.cumulative[s], 0);
            const added = decisionStatuses.reduce((n, s) => n + m.counts[s], 0);
            return (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td style={{ width: '70%' }}>
                  <div style={{ width: `${(100 * total) / max}%` }}>
                    <Bar segments={segments(m.cumulative)} total={total} />
                  </div>
                </td>
                <td>
                  {total} (+{added})
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 className="margin-top--lg">Records</h2>
      <table className={styles.table} style={tableStyle}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Decision</th>
            <th scope="col">Status</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {data.records.map((r) => (
            <tr key={r.path}>
              <td>{r.number}</td>
              <td>
                <DocLink title={r.title} url={r.url} />
              </td>
              <td>
                <Badge state={r.status}>{r.supersededBy ? `superseded by ${r.supersededBy}` : r.status}</Badge>
              </td>
              <td>{r.date ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DashboardLayout>
  );
}
