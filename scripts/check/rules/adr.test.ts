import { describe, expect, it } from 'vitest';
import { adrFm, docOf, md } from '../test-support.ts';
import { checkAdrs } from './adr.ts';

const run = (files: Record<string, Record<string, unknown>>) =>
  checkAdrs(Object.entries(files).map(([rel, fm]) => docOf(rel, md(fm)))).map((f) => [f.path, f.rule, f.severity]);

describe('adr rule', () => {
  it('accepts a consistent log (supersede pair, links with inverses, index page ignored)', () => {
    expect(
      run({
        'adr/index.md': { title: 'Decisions' },
        'adr/0001-use-redis.md': adrFm(1, { status: 'superseded', 'superseded-by': 2 }),
        'adr/0002-use-redis-cluster.md': adrFm(2, { supersedes: [1], links: [{ type: 'amends', target: 3 }] }),
        'adr/0003-cache-keys.md': adrFm(3, { links: [{ type: 'amended-by', target: 2 }] }),
      }),
    ).toEqual([]);
  });

  it('reports duplicate numbers and a number that disagrees with the file name', () => {
    expect(run({ 'adr/0001-a.md': adrFm(1), 'adr/0001-b.md': adrFm(1), 'adr/0002-c.md': adrFm(7) })).toEqual([
      ['adr/0002-c.md', 'adr-number', 'error'],
      ['adr/0001-a.md', 'adr-number', 'error'],
      ['adr/0001-b.md', 'adr-number', 'error'],
    ]);
  });

  it('reports duplicate page ids (same slug, different numbers)', () => {
    expect(run({ 'adr/0001-use-redis.md': adrFm(1), 'adr/0004-use-redis.md': adrFm(4) })).toEqual([
      ['adr/0001-use-redis.md', 'adr-id', 'error'],
      ['adr/0004-use-redis.md', 'adr-id', 'error'],
    ]);
  });

  it('reports one-sided supersedes and superseded-by', () => {
    expect(run({ 'adr/0001-a.md': adrFm(1), 'adr/0002-b.md': adrFm(2, { supersedes: [1] }) })).toEqual([
      ['adr/0002-b.md', 'adr-supersedes', 'error'],
    ]);
    expect(
      run({ 'adr/0001-a.md': adrFm(1, { status: 'superseded', 'superseded-by': 2 }), 'adr/0002-b.md': adrFm(2) }),
    ).toEqual([['adr/0001-a.md', 'adr-supersedes', 'error']]);
  });

  it('reports statuses that contradict the lifecycle', () => {
    expect(
      run({ 'adr/0001-a.md': adrFm(1, { 'superseded-by': 2 }), 'adr/0002-b.md': adrFm(2, { supersedes: [1] }) }),
    ).toEqual([['adr/0001-a.md', 'adr-status', 'error']]);
    expect(run({ 'adr/0001-a.md': adrFm(1, { status: 'superseded' }) })).toEqual([
      ['adr/0001-a.md', 'adr-status', 'error'],
    ]);
    expect(
      run({
        'adr/0001-a.md': adrFm(1, { status: 'superseded', 'superseded-by': 2 }),
        'adr/0002-b.md': adrFm(2, { status: 'rejected', supersedes: [1] }),
      }),
    ).toEqual([['adr/0002-b.md', 'adr-status', 'error']]);
    expect(
      run({
        'adr/0001-a.md': adrFm(1, { status: 'superseded', 'superseded-by': 2 }),
        'adr/0002-b.md': adrFm(2, { status: 'proposed', supersedes: [1] }),
      }),
    ).toEqual([['adr/0002-b.md', 'adr-status', 'warning']]);
  });

  it('reports links and supersedes naming records that do not exist, and missing inverse links', () => {
    expect(run({ 'adr/0001-a.md': adrFm(1, { supersedes: [9], links: [{ type: 'relates-to', target: 8 }] }) })).toEqual(
      [
        ['adr/0001-a.md', 'adr-link', 'error'],
        ['adr/0001-a.md', 'adr-link', 'error'],
      ],
    );
    expect(
      run({ 'adr/0001-a.md': adrFm(1, { links: [{ type: 'depends-on', target: 2 }] }), 'adr/0002-b.md': adrFm(2) }),
    ).toEqual([['adr/0001-a.md', 'adr-link', 'warning']]);
  });
});
