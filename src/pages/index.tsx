import type { ReactNode } from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import HomeCards, { type HomeCard } from '@site/src/components/HomeCards';
import styles from './index.module.css';

const cards: readonly HomeCard[] = [
  {
    title: 'Handbook',
    to: '/docs',
    text: 'Start here: what the KB holds, where each kind of document lives, how to add one.',
  },
  {
    title: 'The plan',
    to: '/docs/plan',
    text: 'Twelve weeks in four phases, each week with its planning, coding, review and Day-7 deliverables.',
  },
  {
    title: 'Runbooks',
    to: '/runbooks',
    text: 'Step-by-step procedures with commands, verification, rollback and escalation.',
  },
  {
    title: 'Decisions',
    to: '/adr',
    text: 'Architecture decision records: context, options, decision and consequences.',
  },
  { title: 'Reports', to: '/reports', text: 'Weekly, benchmark and scale-test reports, with RSS and Atom feeds.' },
  {
    title: 'SLOs',
    to: '/docs/slos',
    text: 'Targets turned into objectives: indicator, window, error budget and alerting.',
  },
];

const phases = [
  {
    name: 'Phase 1 · Foundation overhaul',
    when: 'January 2025 · weeks 1-4',
    goal: 'A performance-first architecture before any real data.',
    to: '/docs/plan/phase-1',
  },
  {
    name: 'Phase 2 · Monorepo migration',
    when: 'February 2025 · weeks 5-8',
    goal: 'The migration, executed with zero technical debt.',
    to: '/docs/plan/phase-2',
  },
  {
    name: 'Phase 3 · Scale testing',
    when: 'March 2025 · weeks 9-12',
    goal: 'Validate 10x-100x scale readiness.',
    to: '/docs/plan/phase-3',
  },
  {
    name: 'Phase 4 · Documentation',
    when: 'Ongoing · every Day 7',
    goal: 'A self-documenting, AI-friendly codebase.',
    to: '/docs/plan/phase-4',
  },
] as const;

const commands = `npx kb new runbook "Restart the ingest workers"   # any document kind
npx kb week 4                                     # a week's Day-7 deliverables, as drafts
npx kb adr new "Use Redis Cluster for L2 cache"   # the next numbered decision record
npx kb ingest results.json --label 10x            # benchmark output -> report page`;

export default function Home(): ReactNode {
  return (
    <Layout
      title="Home"
      description="Sophia KB: the plan, runbooks, decisions, SLOs and reports of the 12-week performance, scalability and stability programme."
    >
      <header className={`${styles.hero} ${styles.home}`}>
        <div className="container">
          <h1 className={styles.heroTitle}>Sophia KB</h1>
          <p className={styles.heroLead}>
            The knowledge base of the Sophia AI engineering team's 12-week programme: performance, scalability and
            stability first. Build it right while we can change everything.
          </p>
          <div className={styles.heroActions}>
            <Link className="button button--primary button--lg" to="/docs">
              Start here
            </Link>
            <Link className="button button--secondary button--lg" to="/docs/plan">
              Read the plan
            </Link>
          </div>
        </div>
      </header>
      <main className={`container margin-vert--lg ${styles.home}`}>
        <section className={styles.section} aria-labelledby="where">
          <h2 id="where">Where to go</h2>
          <HomeCards cards={cards} />
        </section>

        <section className={styles.section} aria-labelledby="phases">
          <h2 id="phases">The programme at a glance</h2>
          <div className={styles.phases}>
            {phases.map((phase) => (
              <div key={phase.to} className={styles.phase}>
                <Link to={phase.to} className={styles.phaseName}>
                  {phase.name}
                </Link>
                <span className={styles.phaseWhen}>{phase.when}</span>
                <span className={styles.phaseGoal}>{phase.goal}</span>
              </div>
            ))}
          </div>
          <p>
            Every week ends with a documentation day; its deliverables are written here. The targets: APIs under 100 ms
            at p99, 10K+ requests per second, 99.99 % uptime. See{' '}
            <Link to="/docs/plan/success-metrics">success metrics</Link>.
          </p>
        </section>

        <section className={styles.section} aria-labelledby="commands">
          <h2 id="commands">Add to it</h2>
          <p>
            Every document starts from the <code>kb</code> CLI, which picks the folder, the front matter and the
            structure of its kind (<Link to="/docs/guides">guides</Link>):
          </p>
          <pre className={styles.commands}>
            <code>{commands}</code>
          </pre>
        </section>
      </main>
    </Layout>
  );
}
