import { describe, expect, it } from 'vitest';
import { adrFm, docFm, docOf, md } from '../test-support.ts';
import { checkPlaceholders } from './placeholders.ts';

const body =
  '# Guide\n\n## Purpose\n\nTODO: say why this guide exists\n\n`TODO:` in code is an example, as is\n\n```\nTODO: this\n```\n';

describe('placeholder rule', () => {
  it('reports placeholders left in a published document, with the file line', () => {
    const found = checkPlaceholders([docOf('docs/guides/g.md', md(docFm('guide'), body))]);
    expect(found.map((f) => [f.rule, f.severity, f.line])).toEqual([['placeholder', 'error', 14]]);
    expect(found[0]!.message).toContain('TODO: say why this guide exists');
  });

  it('lets drafts and proposed ADRs keep them', () => {
    expect(checkPlaceholders([docOf('docs/guides/g.md', md(docFm('guide', { status: 'draft' }), body))])).toEqual([]);
    expect(checkPlaceholders([docOf('adr/0001-x.md', md(adrFm(1, { status: 'proposed' }), body))])).toEqual([]);
    expect(checkPlaceholders([docOf('adr/0001-x.md', md(adrFm(1), body))])).toHaveLength(1);
  });
});
