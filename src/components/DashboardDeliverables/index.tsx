import type { ReactNode } from 'react';
import type { CellState, DeliverablesData } from '../../plugins/dashboards/types';
import DashboardLayout, { tableStyle, Badge, Bar, DocLink, percent, styles } from '../DashboardLayout';

const label: Record<CellState, string> = {
  missing: 'missing',
  draft: 'draft',
  review: 'in review',
  published: 'published',
};

/** /dashboards/deliverables: the plan's 12 weeks × their Day-7 deliverables. */
export default function DashboardDeliverables({ data }: { data: DeliverablesData }): ReactNode {
  const segments = (published: number, inProgress: number) => [
    { value: published, className: styles['fill-published']!, label: 'published' },
    { value: inProgress, className: styles['fill-draft']!, label: 'in progress' },
  ];
  return (
    <DashboardLayout
      current="deliverables"
      title="Deliverables tracker"
      description="Every week's Day-7 deliverables from the plan, and the document that delivers each."
      asOf={data.asOf}
    >
      <p>
        <span className={styles.stat}>
          <span className={styles.statValue}>{percent(data.published, data.total)}</span>
          {data.published} of {data.total} published
        </span>
        <span className={styles.stat}>
          <span className={styles.statValue}>{data.inProgress}</span>
          in progress
        </span>
        <span className={styles.stat}>
          <span className={styles.statValue}>{data.total - data.published - data.inProgress}</span>
          missing
        </span>
      </p>
      <Bar segments={segments(data.published, data.inProgress)} total={data.total} />
      <table className={`${styles.table} margin-top--lg`} style={tableStyle}>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Deliverables</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {data.weeks.map((w) => (
            <tr key={w.week} id={`week-${w.week}`}>
              <th scope="row">
                Week {w.week}
                <br />
                <small>{w.title}</small>
              </th>
              <td>
                <ul className="clean-list margin-bottom--none">
                  {w.cells.map((c) => (
                    <li key={`${c.kind}-${c.title}`}>
                      <Badge state={c.state}>{label[c.state]}</Badge>{' '}
                      {c.doc ? <DocLink title={c.title} url={c.doc.url} /> : c.title}
                      {c.doc && c.doc.title !== c.title ? <small> — {c.doc.title}</small> : null}
                      {c.note ? <small> ({c.note})</small> : null}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {w.published}/{w.total}
                <Bar
                  segments={segments(
                    w.published,
                    w.cells.filter((c) => c.state === 'draft' || c.state === 'review').length,
                  )}
                  total={w.total}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </DashboardLayout>
  );
}
