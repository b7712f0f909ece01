/**
 * The reports index (/reports) as the team's log: the team's own reports
 * grouped by kind (weekly, benchmark, scale test, baseline), newest first,
 * one compact line each with a human title; example reports from public
 * fixtures are kept apart in a labelled, collapsed section below.
 * Replaces @theme/BlogListPage through the public swizzle mechanism; the
 * blog's pagination, metadata and structured data are the theme's own.
 */
import Link from '@docusaurus/Link';
import { HtmlClassNameProvider, PageMetadata, ThemeClassNames } from '@docusaurus/theme-common';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { usePluginData } from '@docusaurus/useGlobalData';
import BlogLayout from '@theme/BlogLayout';
import type { Props } from '@theme/BlogListPage';
import BlogListPageStructuredData from '@theme/BlogListPage/StructuredData';
import BlogListPaginator from '@theme/BlogListPaginator';
import SearchMetadata from '@theme/SearchMetadata';
import clsx from 'clsx';
import type { ReactNode } from 'react';
import {
  humanDate,
  isExampleReport,
  type ReportGroup,
  type ReportListing,
  reportGroup,
  reportListTitle,
} from '../../../scripts/report/titles';
import type { RecentRun, RecentRuns } from '../../plugins/benchmark-views/types';
import styles from './styles.module.css';

const groups: { id: ReportGroup; label: string }[] = [
  { id: 'weekly', label: 'Weekly reports' },
  { id: 'benchmark', label: 'Benchmark runs' },
  { id: 'scale-test', label: 'Scale tests' },
  { id: 'baseline', label: 'Performance baselines' },
  { id: 'other', label: 'Other reports' },
];

interface Row extends ReportListing {
  permalink: string;
  group: ReportGroup;
  example: boolean;
}

/** One line of the index: the listing with its human title, group and whether it is example data. */
function rowOf(listing: ReportListing, permalink: string): Row {
  return {
    ...listing,
    title: reportListTitle(listing),
    permalink,
    group: reportGroup(listing.kind),
    example: isExampleReport(listing),
  };
}

function rowsOf(items: Props['items']): Row[] {
  return items.map(({ content }) => {
    const fm = content.frontMatter as Record<string, unknown>;
    const { metadata } = content;
    const listing: ReportListing = {
      title: metadata.title,
      date: metadata.date,
      kind: typeof fm.kind === 'string' ? fm.kind : undefined,
      suite: typeof fm.suite === 'string' ? fm.suite : undefined,
      run: typeof fm.run === 'string' ? fm.run : undefined,
      tags: Array.isArray(fm.tags) ? fm.tags.map(String) : [],
      verdicts: Array.isArray(fm['slo-verdicts']) ? (fm['slo-verdicts'] as { verdict?: string }[]) : [],
    };
    return rowOf(listing, metadata.permalink);
  });
}

/** Run pages are not blog posts (src/plugins/benchmark-views): the newest come from the plugin's global data. */
function runRows(runs: readonly RecentRun[]): Row[] {
  return runs.map(({ permalink, ...r }) => rowOf({ ...r, kind: 'benchmark-report' }, permalink));
}

function List({ rows }: { rows: Row[] }): ReactNode {
  return (
    <ul className={styles.list}>
      {rows.map((r) => (
        <li key={r.permalink} className={styles.row}>
          <Link to={r.permalink} className={styles.title}>
            {r.title}
          </Link>
          {r.title.includes(humanDate(r.date)) ? null : (
            <time dateTime={r.date.slice(0, 10)} className={styles.date}>
              {humanDate(r.date)}
            </time>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function BlogListPage(props: Props): ReactNode {
  const { metadata, items, sidebar } = props;
  const {
    siteConfig: { title: siteTitle },
  } = useDocusaurusContext();
  const runs = usePluginData('benchmark-views') as RecentRuns | undefined;
  const byDate = (a: Row, b: Row) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title);
  const rows = [...rowsOf(items), ...runRows([...(runs?.team ?? []), ...(runs?.examples ?? [])])].sort(byDate);
  const team = rows.filter((r) => !r.example);
  const examples = rows.filter((r) => r.example);
  // How many there are in all, where the index names only some (the newest runs).
  const totals: Partial<Record<ReportGroup, number>> = { benchmark: runs?.teamTotal };
  const exampleTotal = examples.length - (runs?.examples.length ?? 0) + (runs?.exampleTotal ?? 0);
  return (
    <HtmlClassNameProvider className={clsx(ThemeClassNames.wrapper.blogPages, ThemeClassNames.page.blogListPage)}>
      <PageMetadata
        title={metadata.permalink === '/' ? siteTitle : metadata.blogTitle}
        description={metadata.blogDescription}
      />
      <SearchMetadata tag="blog_posts_list" />
      <BlogListPageStructuredData {...props} />
      <BlogLayout sidebar={sidebar}>
        <h1 className={styles.heading}>{metadata.blogTitle}</h1>
        <p className={styles.lead}>The team's log: weekly reports, benchmark runs and scale tests, newest first.</p>
        {team.length === 0 ? <p>No reports of the team yet.</p> : null}
        {groups.map((g) => {
          const inGroup = team.filter((r) => r.group === g.id);
          if (inGroup.length === 0) return null;
          const total = Math.max(totals[g.id] ?? 0, inGroup.length);
          return (
            <section key={g.id} className={styles.group} aria-labelledby={`reports-${g.id}`}>
              <h2 id={`reports-${g.id}`} className={styles.groupTitle}>
                {g.label} <span className={styles.count}>{total}</span>
              </h2>
              <List rows={inGroup} />
              {total > inGroup.length ? (
                <p className={styles.lead}>
                  The newest {inGroup.length} of {total}. Every run, suite by suite:{' '}
                  <Link to="/reports/benchmarks">Benchmark suites</Link>.
                </p>
              ) : null}
            </section>
          );
        })}
        {examples.length > 0 ? (
          <details className={styles.examples} id="examples">
            <summary>
              Example reports ({exampleTotal}): public fixtures that show each tool's format, not Sophia's figures
            </summary>
            <p className={styles.lead}>
              Ingested from public benchmark outputs to show what <code>kb ingest</code> makes of each tool. They never
              decide an SLO target. The newest run of each example suite is listed; every one is on its suite's history,
              from <Link to="/reports/benchmarks">Benchmark suites</Link>.
            </p>
            <List rows={examples} />
          </details>
        ) : null}
        <BlogListPaginator metadata={metadata} />
      </BlogLayout>
    </HtmlClassNameProvider>
  );
}
