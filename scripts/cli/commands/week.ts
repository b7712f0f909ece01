import path from 'node:path';
import { deliverablesOfWeek, getKind, weeks } from '../../catalog/catalog.ts';
import { planWeek } from '../../catalog/week-plan.ts';
import { loadTemplates } from '../../catalog/templates.ts';
import { loadDocuments } from '../../core/documents.ts';
import { writeFilesAtomic } from '../../core/fs-atomic.ts';
import { refreshWeeklyFacts } from '../../week/command.ts';
import { common, defineKbCommand } from '../args.ts';
import { printJson } from '../output.ts';

export default defineKbCommand({
  meta: {
    name: 'week',
    description: "Scaffold a plan week's Day-7 deliverables and its weekly report as drafts (skips those that exist)",
  },
  args: {
    week: { type: 'positional', required: true, value: 'week', description: 'plan week 1–12' },
    owner: { type: 'string', description: 'owner of the new drafts (default: unassigned)' },
    start: {
      type: 'string',
      value: 'date',
      description: 'first day of week 1, YYYY-MM-DD (default: plan-start in docs/plan/index.md)',
    },
    'dry-run': { type: 'boolean', description: 'list what would be created, write nothing' },
    root: common.root,
    json: common.json,
  },
  async run({ args, today, root: findRoot }) {
    const week = args.week;
    const root = findRoot();
    const { documents, problems } = await loadDocuments(root);
    const existing = [
      ...documents.map((d) => ({ path: d.path, frontMatter: d.frontMatter })),
      ...problems.map((p) => ({ path: p.path })),
    ];
    const names = [
      ...new Set(
        deliverablesOfWeek(week)
          .filter((d) => d.kind !== 'adr')
          .map((d) => getKind(d.kind).template),
      ),
    ];
    const templates = await loadTemplates(root, names);
    const plan = planWeek(week, existing, { today: today(), templates, owner: args.owner });
    // The weekly report's facts region: filled in the new draft, refreshed in an existing report.
    const facts = await refreshWeeklyFacts(root, week, plan, {
      now: new Date(`${today()}T12:00:00Z`),
      planStart: args.start,
    });
    if (!args['dry-run'] && plan.create.length > 0) {
      await writeFilesAtomic(
        plan.create.map((d) => ({ path: path.join(root, d.path), content: d.content })),
        { root },
      );
    }
    if (!args['dry-run'] && facts.refresh) await writeFilesAtomic([facts.refresh], { root, force: true });
    const result = {
      week,
      title: weeks.find((w) => w.week === week)!.title,
      dryRun: Boolean(args['dry-run']),
      facts: facts.summary,
      created: plan.create.map((d) => ({ kind: d.kind, title: d.title, path: d.path })),
      skipped: plan.skipped.map((s) => ({ kind: s.deliverable.kind, title: s.deliverable.title, path: s.path })),
      listed: plan.listed.map((l) => ({
        kind: l.deliverable.kind,
        title: l.deliverable.title,
        paths: l.paths,
        hint: l.hint,
      })),
    };
    if (args.json) return printJson(result);
    const verb = result.dryRun ? 'would create' : 'created';
    const lines = [`Week ${week}: ${result.title}`];
    for (const c of result.created) lines.push(`  ${verb}  ${c.path}  (${c.kind})`);
    for (const s of result.skipped) lines.push(`  exists   ${s.path}  (${s.kind}: ${s.title})`);
    for (const l of result.listed) lines.push(`  ${l.kind.padEnd(7)}  ${l.paths.length} record(s) in adr/ — ${l.hint}`);
    if (result.created.length === 0) lines.push('  nothing to create: every deliverable of this week exists');
    lines.push(`  facts    ${facts.message}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  },
});
