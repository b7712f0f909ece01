import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import type { DashboardsIndexData } from '../../plugins/dashboards/types';
import DashboardLayout, { percent, styles } from '../DashboardLayout';

/** /dashboards: one card per dashboard with its headline figures. */
export default function DashboardIndex({ data }: { data: DashboardsIndexData }): ReactNode {
  const base = data.routes.deliverables.replace(/\/deliverables$/, '');
  return (
    <DashboardLayout
      current="index"
      title="Dashboards"
      description="The programme at a glance."
      asOf={data.asOf}
      base={base}
    >
      <div className="row">
        <section className="col col--4 margin-bottom--lg">
          <div className="card padding--md">
            <h2>
              <Link to={data.routes.deliverables}>Deliverables</Link>
            </h2>
            <p className={styles.stat}>
              <span className={styles.statValue}>{percent(data.deliverables.published, data.deliverables.total)}</span>
              {data.deliverables.published} of {data.deliverables.total} Day-7 deliverables published,{' '}
              {data.deliverables.inProgress} in progress
            </p>
          </div>
        </section>
        <section className="col col--4 margin-bottom--lg">
          <div className="card padding--md">
            <h2>
              <Link to={data.routes.freshness}>Freshness</Link>
            </h2>
            <p className={styles.stat}>
              <span className={styles.statValue}>{data.freshness.overdue}</span>
              overdue reviews of {data.freshness.total} runbooks and playbooks, {data.freshness.dueSoon} due soon
            </p>
          </div>
        </section>
        <section className="col col--4 margin-bottom--lg">
          <div className="card padding--md">
            <h2>
              <Link to={data.routes.decisions}>Decision log</Link>
            </h2>
            <p className={styles.stat}>
              <span className={styles.statValue}>{data.decisions.total}</span>
              architecture decisions: {data.decisions.accepted} accepted, {data.decisions.proposed} proposed
            </p>
          </div>
        </section>
      </div>
    </DashboardLayout>
  );
}
