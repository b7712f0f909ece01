import { describe, expect, it } from 'vitest';
import { validateOptions } from './options.ts';

describe('ai-readable options', () => {
  it('fills defaults', () => {
    expect(validateOptions({ options: undefined })).toEqual({ id: 'default', enabled: true });
  });

  it('names every bad field and where the options are defined', () => {
    expect(() => validateOptions({ options: { enabled: 'yes', colour: 'red' } as never })).toThrow(
      /ai-readable plugin options: .*enabled: .*; .*colour.* — see src\/plugins\/ai-readable\/options\.ts/,
    );
  });
});
