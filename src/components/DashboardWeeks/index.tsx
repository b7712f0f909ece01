import type { ReactNode } from 'react';
import type { AdrFact, WeekFacts } from '../../../scripts/week/facts';
import DashboardLayout, { Badge, DocLink } from '../DashboardLayout';

interface WeeksData {
  asOf: string;
  planStart: string;
  weeks: WeekFacts[];
}

function Adrs({ label, list }: { label: string; list: AdrFact[] }): ReactNode {
  if (list.length === 0) return null;
  return (
    <li>
      {label} ({list.length}):{' '}
      {list.map((a, i) => (
        <span key={a.path}>
          {i > 0 ? '; ' : ''}
          <DocLink title={`ADR ${a.number} ${a.title}`} url={a.url} />
        </span>
      ))}
    </li>
  );
}

function Week({ w }: { w: WeekFacts }): ReactNode {
  const published = w.deliverables.filter((d) => d.state === 'published').length;
  const runs = w.runs.filter((r) => !r.example);
  const moved = w.scorecard.filter((s) => s.change === 'better' || s.change === 'worse' || s.change === 'new');
  return (
    <details className="margin-bottom--md" id={`week-${w.week}`}>
      <summary>
        <strong>
          Week {w.week}: {w.title}
        </strong>{' '}
        ({w.start} – {w.end}) · {published}/{w.deliverables.length} deliverables · {runs.length} runs
      </summary>
      <ul>
        {w.deliverables.map((d) => (
          <li key={`${d.kind}-${d.title}`}>
            <Badge state={d.state}>{d.state}</Badge> <DocLink title={d.title} url={d.doc?.url} />
            {d.note ? ` (${d.note})` : ''}
          </li>
        ))}
      </ul>
      <ul>
        <Adrs label="ADRs accepted" list={w.adrs.accepted} />
        <Adrs label="ADRs proposed" list={w.adrs.proposed} />
        <Adrs label="ADRs superseded" list={w.adrs.superseded} />
        {runs.map((r) => (
          <li key={r.id}>
            <DocLink title={r.title} url={r.url} />
            {r.regressions ? ` · ${r.regressions} regressions` : ''}
          </li>
        ))}
        {moved.map((s) => (
          <li key={s.target}>
            SLO {s.title}: {s.verdict} ({s.change === 'new' ? 'first measured' : s.change})
          </li>
        ))}
        {w.documents.added.length + w.documents.changed.length > 0 ? (
          <li>
            Documents: {w.documents.added.length} added, {w.documents.changed.length} changed
          </li>
        ) : null}
        {w.reviewsDue.map((r) => (
          <li key={r.path}>
            Review due {r.reviewBy}: <DocLink title={r.title} url={r.url} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** /dashboards/weeks: what happened in each plan week, from the same facts as `kb week N` and kb mcp. */
export default function DashboardWeeks({ data }: { data: WeeksData }): ReactNode {
  return (
    <DashboardLayout
      current="weeks"
      title="Week by week"
      description="What the knowledge base knows about each week of the plan: deliverables, decisions, runs, SLO changes, documents and reviews."
      asOf={data.asOf}
    >
      <p>
        Week 1 starts on {data.planStart} (<code>plan-start</code> in the plan overview). Items carry their own{' '}
        <code>week</code> when they have one; otherwise their date decides.
      </p>
      {data.weeks.map((w) => (
        <Week key={w.week} w={w} />
      ))}
    </DashboardLayout>
  );
}
