import { mkdtempSync, promises as fs, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KbError } from '../core/errors.ts';
import { closest, parseKbArgs, today } from './args.ts';
import { main } from './main.ts';

const defs = {
  title: { type: 'positional', description: 'title' },
  tag: { type: 'string', repeatable: 'comma', description: 'tags' },
  field: { type: 'string', repeatable: true, description: 'key=value' },
  week: { type: 'string', value: 'week', description: 'week' },
  date: { type: 'string', value: 'date', description: 'date' },
  status: { type: 'enum', options: ['proposed', 'accepted'], default: 'proposed', description: 'status' },
  json: { type: 'boolean', description: 'json' },
} as const;

function fails(argv: string[]): KbError {
  try {
    parseKbArgs(defs, argv, 'test');
  } catch (error) {
    if (error instanceof KbError) return error;
    throw error;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('parseKbArgs', () => {
  it('types and collects values from the declaration', () => {
    const args = parseKbArgs(
      defs,
      ['Use X', '--tag', 'a,b', '--tag=c', '--field', 'k=1,2', '--field=j=3', '--week', '03', '--json'],
      'test',
    );
    expect(args).toEqual({
      title: 'Use X',
      tag: ['a', 'b', 'c'],
      field: ['k=1,2', 'j=3'],
      week: 3,
      date: undefined,
      status: 'proposed',
      json: true,
    });
    expect(parseKbArgs(defs, ['--no-json', '--', '--tag'], 'test')).toMatchObject({ title: '--tag', json: false });
  });

  it('names the closest valid option for a mistyped one', () => {
    const e = fails(['Use X', '--tagz', 'foo']);
    expect([e.code, e.exitCode, e.format()]).toEqual(['USAGE', 2, 'unknown option --tagz — did you mean --tag?']);
    expect(fails(['--wek', '3']).format()).toBe('unknown option --wek — did you mean --week?');
    expect(fails(['--zzzzzzzz']).format()).toBe('unknown option --zzzzzzzz — see kb test --help');
    expect(fails(['-t', 'x']).code).toBe('USAGE');
  });

  it('rejects values that do not parse, missing values and extra arguments', () => {
    expect(fails(['--week', '13']).format()).toBe('--week: week "13" is not a plan week — give a week from 1 to 12');
    expect(fails(['--week', '2.5']).code).toBe('BAD_ARGUMENT');
    expect(fails(['--date', '2025-02-30']).format()).toBe(
      '--date: "2025-02-30" is not a date — write a date as YYYY-MM-DD, e.g. 2025-01-06',
    );
    expect(fails(['--status', 'acepted']).format()).toBe(
      '--status: "acepted" is not one of proposed, accepted — did you mean accepted?',
    );
    expect(fails(['--tag']).format()).toBe('--tag needs a value — see kb test --help');
    expect(fails(['--tag', '--json']).code).toBe('USAGE');
    expect(fails(['--json=maybe']).code).toBe('USAGE');
    expect(fails(['Use', 'Redis']).message).toBe('unexpected argument "Redis"');
  });

  it('suggests only near misses', () => {
    expect(closest('tagz', ['tag', 'json'])).toBe('tag');
    expect(closest('dryrun', ['dry-run', 'force'])).toBe('dry-run');
    expect(closest('xyz', ['tag', 'json'])).toBeUndefined();
  });
});

describe('today', () => {
  it('is the UTC date of now, or KB_TODAY when that is a real date', () => {
    expect(today({}, new Date('2026-03-04T23:59:00Z'))).toBe('2026-03-04');
    expect(today({ KB_TODAY: '2025-01-06' })).toBe('2025-01-06');
    expect(() => today({ KB_TODAY: 'not-a-date' })).toThrow('"not-a-date" is not a date (YYYY-MM-DD)');
    expect(() => today({ KB_TODAY: '2025-13-01' })).toThrow(KbError);
  });
});

describe('every command through main', () => {
  const roots: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(roots.splice(0).map((r) => fs.rm(r, { recursive: true, force: true })));
  });

  async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kb-args-'));
    roots.push(root);
    writeFileSync(path.join(root, 'docusaurus.config.ts'), 'export default {};\n');
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    const code = await main(argv, { cwd: root, env: { KB_NO_PROMPT: '1', ...env } });
    vi.restoreAllMocks();
    const written = await fs.readdir(root);
    return { code, err: err.trim(), written: written.filter((f) => f !== 'docusaurus.config.ts') };
  }

  it('kb adr new rejects a mistyped option and writes nothing', async () => {
    expect(await run(['adr', 'new', 'Use X', '--tagz', 'foo'])).toEqual({
      code: 2,
      err: 'kb: unknown option --tagz — did you mean --tag?',
      written: [],
    });
  });

  it('KB_TODAY=not-a-date is one BAD_ARGUMENT line, exit 2, nothing written', async () => {
    expect(await run(['adr', 'new', 'Use X'], { KB_TODAY: 'not-a-date' })).toEqual({
      code: 2,
      err: 'kb: KB_TODAY: "not-a-date" is not a date (YYYY-MM-DD) — unset it or write a date like 2025-01-06',
      written: [],
    });
  });

  it.each([
    [
      ['adr', 'status', '3', 'acepted'],
      'kb: status: "acepted" is not one of proposed, accepted, rejected, deprecated, superseded — did you mean accepted?',
    ],
    [['adr', 'status', 'x', 'accepted'], 'kb: number: "x" is not an ADR number — give the number, e.g. 7 or 0007'],
    [
      ['adr', 'list', '--status', 'open'],
      'kb: --status: "open" is not one of proposed, accepted, rejected, deprecated, superseded — use one of proposed, accepted, rejected, deprecated, superseded',
    ],
    [
      ['adr', 'new', 'X', '--link', '3:blocks'],
      'kb: --link: "3:blocks" is not N:type — write e.g. --link 3:amends; types: amends, relates-to, depends-on, clarifies',
    ],
    [['adr', 'renumber', '--dryrun'], 'kb: unknown option --dryrun — did you mean --dry-run?'],
    [['adr', 'nwe', 'X'], 'kb: unknown command nwe — did you mean kb adr new?'],
    [['adr'], 'kb: kb adr needs a command — one of new, status, supersede, list, renumber, import (see kb adr --help)'],
    [['chek'], 'kb: unknown command chek — did you mean kb check?'],
    [['check', '--strct'], 'kb: unknown option --strct — did you mean --strict?'],
    [['ingest', 'x.json', '--week', '0'], 'kb: --week: week "0" is not a plan week — give a week from 1 to 12'],
    [['ingest', 'x.json', '--sute', 'api'], 'kb: unknown option --sute — did you mean --suite?'],
    [['mcp', '--rot', '.'], 'kb: unknown option --rot — did you mean --root?'],
    [
      ['list', '--status', 'drft'],
      'kb: --status: "drft" is not one of draft, review, published, proposed, accepted, rejected, deprecated, superseded — did you mean draft?',
    ],
    [['week', '13'], 'kb: week: week "13" is not a plan week — give a week from 1 to 12'],
    [
      ['kinds', 'extra'],
      'kb: unexpected argument "extra" — see kb kinds --help (quote a title with spaces: "Use Redis")',
    ],
  ])('kb %j exits 2 with one line and writes nothing', async (argv, message) => {
    expect(await run(argv)).toEqual({ code: 2, err: message, written: [] });
  });
});
