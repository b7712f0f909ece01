import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AdrFolderSnapshot, planNewAdr } from './create.ts';
import { type AdrRecord, parseRecord, renderRecord } from './records.ts';
import { planStatusChange, planSupersede } from './status.ts';

// The planners are pure: records in, writes out, no folder on disk.

const template = {
  file: 'adr.md.hbs',
  render: (v: { title: string }) => `# ${v.title}\n`,
} as AdrFolderSnapshot['template'];
const adrDir = path.join('/kb', 'adr');

function record(number: number, status: string, title = `Decision ${number}`): AdrRecord {
  const rel = `adr/${String(number).padStart(4, '0')}-d${number}.md`;
  return parseRecord(
    `---\nadr: ${number}\ntitle: ${title}\nstatus: ${status}\ndate: 2025-01-01\nowner-note: kept\n---\n\n# ${title}\n`,
    rel,
    number,
    path.join('/kb', rel),
  );
}

describe('planNewAdr', () => {
  it('numbers past the highest file, and edits the superseded record in the same plan', async () => {
    const old = record(3, 'accepted');
    const plan = await planNewAdr(
      { title: 'Use Redis', today: '2025-02-03', supersedes: [3] },
      {
        adrDir,
        template,
        files: [
          { name: '0001-a.md', number: 1 },
          { name: '0003-d3.md', number: 3 },
        ],
        related: new Map([[3, old]]),
        renderRecord,
      },
    );
    expect(plan.create.path).toBe(path.join(adrDir, '0004-use-redis.md'));
    expect(plan.create.content).toContain('adr: 4\ntitle: Use Redis\nstatus: proposed\ndate: 2025-02-03');
    expect(plan.edits.map((e) => e.path)).toEqual([old.file]);
    expect(plan.edits[0]!.content).toContain('status: superseded');
    expect(plan.edits[0]!.content).toContain('superseded-by: 4');
    expect(plan.edits[0]!.content).toContain('owner-note: kept');
    expect(plan.result).toMatchObject({ number: 4, path: 'adr/0004-use-redis.md', updated: [{ number: 3 }] });
  });

  it('throws before planning anything for a missing or proposed predecessor', async () => {
    const folder = { adrDir, template, files: [], related: new Map(), renderRecord };
    await expect(planNewAdr({ title: 'X', today: '2025-02-03', supersedes: [9] }, folder)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const proposed = { ...folder, related: new Map([[2, record(2, 'proposed')]]) };
    await expect(planNewAdr({ title: 'X', today: '2025-02-03', supersedes: [2] }, proposed)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });
});

describe('status planners', () => {
  it('plans one rewrite for a status change, two for a supersede', () => {
    const change = planStatusChange(record(1, 'proposed'), 'accepted');
    expect(change.writes).toHaveLength(1);
    expect(change.writes[0]!.content).toContain('status: accepted');
    expect(change.result.updated).toEqual([{ number: 1, path: 'adr/0001-d1.md', from: 'proposed', to: 'accepted' }]);

    const both = planSupersede(record(1, 'accepted'), record(2, 'proposed'));
    expect(both.writes.map((w) => w.path)).toEqual(['/kb/adr/0001-d1.md', '/kb/adr/0002-d2.md']);
    expect(both.writes[1]!.content).toContain('supersedes:\n  - 1');
  });

  it('refuses an illegal change with no write planned', () => {
    expect(() => planStatusChange(record(1, 'rejected'), 'accepted')).toThrow(/rejected/);
    expect(() => planSupersede(record(1, 'accepted'), record(2, 'rejected'))).toThrow(/cannot supersede/);
    expect(() => planSupersede(record(1, 'accepted'), record(1, 'accepted'))).toThrow(/itself/);
  });
});
