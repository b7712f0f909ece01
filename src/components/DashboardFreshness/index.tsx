import type { ReactNode } from 'react';
import type { FreshnessData, FreshnessItem } from '../../plugins/dashboards/types';
import DashboardLayout, { tableStyle, Badge, DocLink, styles } from '../DashboardLayout';

function when(item: FreshnessItem): string {
  if (item.daysLeft === undefined) return 'no review-by date';
  if (item.daysLeft < 0) return `overdue by ${-item.daysLeft} day${item.daysLeft === -1 ? '' : 's'}`;
  if (item.daysLeft === 0) return 'due today';
  return `in ${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'}`;
}

/** /dashboards/freshness: review dates of runbooks and playbooks by owner, overdue first. */
export default function DashboardFreshness({ data }: { data: FreshnessData }): ReactNode {
  return (
    <DashboardLayout
      current="freshness"
      title="Freshness"
      description="Runbooks and playbooks by owner with their review dates, overdue first."
      asOf={data.asOf}
    >
      <p>
        <span className={styles.stat}>
          <span className={styles.statValue}>{data.overdue}</span>
          overdue
        </span>
        <span className={styles.stat}>
          <span className={styles.statValue}>{data.dueSoon}</span>
          due within {data.dueSoonDays} days
        </span>
        <span className={styles.stat}>
          <span className={styles.statValue}>{data.missing}</span>
          without a review date
        </span>
        <span className={styles.stat}>
          <span className={styles.statValue}>{data.total}</span>
          documents
        </span>
      </p>
      {data.groups.length === 0 ? <p>No runbooks or playbooks yet.</p> : null}
      {data.groups.map((g) => (
        <section key={g.owner} className="margin-top--lg">
          <h2>
            {g.owner} {g.overdue > 0 ? <Badge state="overdue">{g.overdue} overdue</Badge> : null}
          </h2>
          <table className={styles.table} style={tableStyle}>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Review by</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {g.items.map((item) => (
                <tr key={item.path}>
                  <td>
                    <DocLink title={item.title} url={item.url} />
                  </td>
                  <td>{item.kind}</td>
                  <td>{item.status}</td>
                  <td>{item.reviewBy ?? '—'}</td>
                  <td>
                    <Badge state={item.state}>{when(item)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </DashboardLayout>
  );
}
