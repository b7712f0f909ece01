import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findPlaceholders, getKind, kinds, type KindId } from '../../catalog/catalog.ts';
import { parseFieldPair, planDocument } from '../../catalog/plan.ts';
import { loadTemplates } from '../../catalog/templates.ts';
import { KbError } from '../../core/errors.ts';
import { writeFilesAtomic } from '../../core/fs-atomic.ts';
import { common, defineKbCommand, valueKinds } from '../args.ts';
import { printJson } from '../output.ts';

const interactive = (env: NodeJS.ProcessEnv) => Boolean(process.stdin.isTTY) && env.KB_NO_PROMPT === undefined;

/** Asks for what is missing, only on a terminal; every prompt has a flag. */
async function ask<T>(question: () => Promise<T | symbol>): Promise<T> {
  const { isCancel } = await import('@clack/prompts');
  const answer = await question();
  if (isCancel(answer)) throw new KbError('USAGE', 'cancelled', { hint: 'nothing was written' });
  return answer as T;
}

function openEditor(file: string, env: NodeJS.ProcessEnv): string | undefined {
  const editor = env.VISUAL || env.EDITOR;
  if (!editor) return 'no $VISUAL or $EDITOR set; open the file yourself';
  const r = spawnSync(`${editor} "${file.replace(/"/g, '\\"')}"`, { stdio: 'inherit', shell: true });
  return r.status === 0 ? undefined : `editor ${editor} exited with ${r.status ?? r.signal}`;
}

export default defineKbCommand({
  meta: { name: 'new', description: 'Create one document of a catalog kind from its template' },
  args: {
    kind: { type: 'positional', description: `the kind (${kinds.map((k) => k.id).join(', ')})` },
    title: { type: 'positional', description: 'the title, e.g. "Deploy the API gateway"' },
    week: {
      type: 'string',
      value: 'week',
      description: 'plan week 1–12 (inferred when the title names a deliverable)',
    },
    owner: { type: 'string', description: 'owning team or person (default: unassigned)' },
    field: {
      type: 'string',
      repeatable: true,
      description:
        "key=value for front matter (description, tags, status, date, review-by, suite) or the kind's fields",
    },
    'dry-run': { type: 'boolean', description: 'print the file instead of writing it' },
    force: common.force,
    edit: { type: 'boolean', description: 'open the new file in $VISUAL or $EDITOR' },
    root: common.root,
    json: common.json,
  },
  async run({ args, env, today, root: findRoot }) {
    const fields = args.field.map(parseFieldPair);
    let kindId = args.kind === undefined ? undefined : getKind(args.kind).id;
    let title = args.title;
    let week = args.week;
    let owner = args.owner;
    const root = findRoot();

    if (kindId === undefined || title === undefined) {
      if (!interactive(env))
        throw new KbError('USAGE', 'kb new needs a kind and a title', {
          hint: 'run kb new <kind> "Title" (kb kinds lists the kinds)',
        });
      const prompts = await import('@clack/prompts');
      prompts.intro('kb new');
      kindId ??= await ask<KindId>(() =>
        prompts.select({
          message: 'Kind of document',
          options: kinds.map((k) => ({ value: k.id, label: k.id, hint: k.description })),
        }),
      );
      title ??= await ask<string>(() =>
        prompts.text({ message: 'Title', validate: (v) => (v?.trim() ? undefined : 'a title is required') }),
      );
    }
    const kind = getKind(kindId);

    if (kind.id === 'adr') {
      const allowed = ['tags', 'description'];
      const bad = fields.find(([k]) => !allowed.includes(k));
      if (bad)
        throw new KbError('BAD_ARGUMENT', `unknown field "${bad[0]}" for kind adr`, {
          field: '--field',
          hint: `use ${allowed.join(' or ')}, or kb adr new for links and supersedes`,
        });
      const value = (k: string) => fields.filter(([key]) => key === k).at(-1)?.[1];
      const { createAdr } = await import('../../adr/run-new.ts');
      const result = await createAdr({
        root,
        title,
        today: today(),
        tags: value('tags')
          ?.split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        description: value('description'),
        decisionMakers: owner ? [owner] : undefined,
        dryRun: args['dry-run'],
        force: args.force,
      });
      if (args.json)
        return printJson({
          kind: 'adr',
          path: result.path,
          number: result.number,
          dryRun: result.dryRun,
          created: !result.dryRun,
          ...(result.dryRun ? { content: result.content } : {}),
        });
      process.stdout.write(
        result.dryRun
          ? `${result.path} (dry run)\n${result.content}`
          : `created ${result.path} (ADR ${result.number}, proposed)\n`,
      );
      if (args.edit && !result.dryRun) {
        const problem = openEditor(path.join(root, result.path), env);
        if (problem) process.stderr.write(`kb: ${problem}\n`);
      }
      return;
    }

    if (interactive(env)) {
      const prompts = await import('@clack/prompts');
      if (kind.id === 'weekly-report' && week === undefined) {
        week = valueKinds.week(
          await ask<string>(() =>
            prompts.text({
              message: 'Plan week (1–12)',
              validate: (v) => (/^(1[0-2]|[1-9])$/.test(String(v ?? '').trim()) ? undefined : 'a week from 1 to 12'),
            }),
          ),
          'week',
        );
      }
      if (owner === undefined)
        owner = await ask<string>(() =>
          prompts.text({ message: 'Owner (team or person)', placeholder: 'unassigned', defaultValue: 'unassigned' }),
        );
    }

    const templates = await loadTemplates(root, [kind.template]);
    const doc = planDocument({ kind: kind.id, title, week, owner, fields }, { today: today(), templates });
    const placeholders = findPlaceholders(doc.content).length;
    if (args['dry-run']) {
      if (args.json)
        return printJson({
          kind: doc.kind,
          path: doc.path,
          dryRun: true,
          created: false,
          placeholders,
          frontMatter: doc.frontMatter,
          content: doc.content,
        });
      process.stdout.write(`${doc.path} (dry run)\n${doc.content}`);
      return;
    }
    const file = path.join(root, doc.path);
    await writeFilesAtomic([{ path: file, content: doc.content }], { force: args.force, root });
    if (args.json)
      printJson({
        kind: doc.kind,
        path: doc.path,
        dryRun: false,
        created: true,
        placeholders,
        frontMatter: doc.frontMatter,
      });
    else
      process.stdout.write(
        `created ${doc.path} (${doc.kind}, ${String(doc.frontMatter.status)}, ${placeholders} TODO placeholders to fill)\n`,
      );
    if (args.edit) {
      const problem = openEditor(file, env);
      if (problem) process.stderr.write(`kb: ${problem}\n`);
    }
  },
});
