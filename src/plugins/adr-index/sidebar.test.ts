import { describe, expect, it } from 'vitest';
import { groupAdrItems } from './sidebar.ts';

const doc = (id: string) => ({ type: 'doc' as const, id });
const adrs = (n: number) => Array.from({ length: n }, (_, i) => doc(`adr-${i + 1}`));
const numberOf = (id: string) => (id.startsWith('adr-') ? Number(id.slice(4)) : undefined);

describe('groupAdrItems', () => {
  it('leaves a sidebar of up to 100 ADRs as it is', () => {
    const items = [doc('index'), ...adrs(100)];
    expect(groupAdrItems(items, numberOf)).toEqual(items);
  });

  it('puts more in collapsed groups of 100 by number, in the place of the first ADR', () => {
    const items = [doc('index'), ...adrs(250), doc('glossary')];
    const grouped = groupAdrItems(items, numberOf);
    expect(grouped.map((i) => (i.type === 'category' ? i.label : i.type === 'doc' ? i.id : i.type))).toEqual([
      'index',
      'ADR 0001–0100',
      'ADR 0101–0200',
      'ADR 0201–0300',
      'glossary',
    ]);
    const [, first, , last] = grouped;
    expect(first).toMatchObject({ type: 'category', collapsed: true, collapsible: true });
    expect(first!.type === 'category' && first!.items).toEqual(adrs(100));
    expect(last!.type === 'category' && last!.items.map((i) => i.type === 'doc' && i.id)).toEqual(
      adrs(250)
        .slice(200)
        .map((i) => i.id),
    );
  });

  it('groups by the ADR number, not the position: gaps and an unsorted list keep each ADR in its range', () => {
    const items = [doc('adr-350'), ...adrs(120)];
    const grouped = groupAdrItems(items, numberOf);
    const labels = grouped.map((i) => (i.type === 'category' ? i.label : ''));
    expect(labels).toEqual(['ADR 0001–0100', 'ADR 0101–0200', 'ADR 0301–0400']);
    expect(grouped[2]!.type === 'category' && grouped[2]!.items).toEqual([doc('adr-350')]);
  });
});
