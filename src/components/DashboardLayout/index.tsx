import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

export { styles };

/**
 * Inline on purpose: with the v4 CSS cascade layers, Infima's element rules
 * (table as a block, ul padding) outrank a CSS-module class here.
 */
export const tableStyle = { display: 'table', width: '100%' } as const;
const navStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.5rem 1rem',
  paddingLeft: 0,
  listStyle: 'none',
  margin: '0.5rem 0 0',
} as const;

const pages = [
  { key: 'index', label: 'Overview', path: '' },
  { key: 'deliverables', label: 'Deliverables', path: '/deliverables' },
  { key: 'freshness', label: 'Freshness', path: '/freshness' },
  { key: 'decisions', label: 'Decision log', path: '/decisions' },
  { key: 'weeks', label: 'Week by week', path: '/weeks' },
] as const;

export type DashboardKey = (typeof pages)[number]['key'];

/** Page frame of every dashboard: title, "as of" date, links between dashboards. */
export default function DashboardLayout(props: {
  current: DashboardKey;
  title: string;
  description: string;
  asOf: string;
  base?: string;
  children: ReactNode;
}): ReactNode {
  const base = props.base ?? '/dashboards';
  return (
    <Layout title={props.title} description={props.description}>
      <main className="container margin-vert--lg">
        <header className={styles.header}>
          <h1>{props.title}</h1>
          <p className={styles.asOf}>
            {props.description} Built from the documents as of <time dateTime={props.asOf}>{props.asOf}</time>.
          </p>
          <nav aria-label="Dashboards">
            <ul className={styles.nav} style={navStyle}>
              {pages.map((p) => (
                <li key={p.key}>
                  {p.key === props.current ? (
                    <span className={styles.current} aria-current="page">
                      {p.label}
                    </span>
                  ) : (
                    <Link to={`${base}${p.path}`}>{p.label}</Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {props.children}
      </main>
    </Layout>
  );
}

/** A proportional bar of segments (CSS only). */
export function Bar(props: {
  segments: { value: number; className: string; label: string }[];
  total: number;
}): ReactNode {
  const label = props.segments.map((s) => `${s.label}: ${s.value}`).join(', ');
  return (
    <div className={styles.bar} role="img" aria-label={label} title={label}>
      {props.segments
        .filter((s) => s.value > 0 && props.total > 0)
        .map((s) => (
          <span key={s.label} className={s.className} style={{ width: `${(100 * s.value) / props.total}%` }} />
        ))}
    </div>
  );
}

export function Badge(props: { state: string; children?: ReactNode }): ReactNode {
  return <span className={`${styles.badge} ${styles[props.state] ?? ''}`}>{props.children ?? props.state}</span>;
}

export function DocLink(props: { title: string; url?: string }): ReactNode {
  return props.url ? <Link to={props.url}>{props.title}</Link> : <span>{props.title}</span>;
}

export function percent(part: number, total: number): string {
  return total === 0 ? '0 %' : `${Math.round((100 * part) / total)} %`;
}
