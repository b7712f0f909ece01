import { describe, expect, it } from 'vitest';
import { keptLines } from './lines.ts';

describe('keptLines', () => {
  it('is every line when the theme kept them all', () => {
    expect(keptLines('a\nb\n', 'a\nb', 'A\nB')).toEqual(['A', 'B']);
  });

  it('drops the lines of magic comments the theme removed', () => {
    const written = '// highlight-start\nx = 1\n// highlight-end\n// highlight-next-line\ny = 2\n';
    expect(keptLines(written, 'x = 1\ny = 2', 'S\nX\nE\nN\nY')).toEqual(['X', 'Y']);
  });

  it('handles a line that repeats, and empty lines', () => {
    expect(keptLines('a\n\na\n// highlight-next-line\na', 'a\n\na\na', '1\n2\n3\n4\n5')).toEqual(['1', '2', '3', '5']);
    expect(keptLines('', '', '')).toEqual(['']);
  });

  it('is undefined without highlighted lines, or when they do not line up with the block', () => {
    expect(keptLines('a\nb', 'a\nb', undefined)).toBeUndefined();
    expect(keptLines('a\nb', 'a\nb', 'only one')).toBeUndefined();
    expect(keptLines('a\nb', 'a\nchanged', 'A\nB')).toBeUndefined();
  });

  it('accepts CRLF line breaks in the block as written', () => {
    expect(keptLines('a\r\nb\r\n', 'a\nb', 'A\nB')).toEqual(['A', 'B']);
  });
});
