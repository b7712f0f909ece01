import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { coreVersionProblem, perfLayerEnabled, SUPPORTED_RANGE } from './guard.ts';

describe('perfLayerEnabled', () => {
  it('is on unless KB_PERF=0', () => {
    expect(perfLayerEnabled({})).toBe(true);
    expect(perfLayerEnabled({ KB_PERF: '1' })).toBe(true);
    expect(perfLayerEnabled({ KB_PERF: '' })).toBe(true);
    expect(perfLayerEnabled({ KB_PERF: '0' })).toBe(false);
  });
  it('rejects any other value in one line naming the variable and the fix', () => {
    expect(() => perfLayerEnabled({ KB_PERF: 'off' })).toThrow(/^KB_PERF=off: use KB_PERF=0 .*$/);
  });
});

describe('coreVersionProblem', () => {
  it('accepts every patch of the supported minor version', () => {
    expect(SUPPORTED_RANGE).toBe('3.10.x');
    expect(coreVersionProblem('3.10.0')).toBeUndefined();
    expect(coreVersionProblem('3.10.2')).toBeUndefined();
    expect(coreVersionProblem('3.10.17')).toBeUndefined();
  });
  it('names the installed version, the supported range and the switch, in one line', () => {
    for (const other of ['3.11.0', '3.9.2', '4.0.0', '3.10.0-canary-6']) {
      const problem = coreVersionProblem(other);
      expect(problem).toContain(`@docusaurus/core ${other} is installed`);
      expect(problem).toContain('supports 3.10.x only');
      expect(problem).toContain('KB_PERF=0');
      expect(problem).not.toContain('\n');
    }
  });
});

describe('the perf plugin on another Docusaurus', () => {
  it('stops before doing anything, in one line naming the installed version and the switch', async () => {
    const siteDir = await mkdtemp(path.join(tmpdir(), 'kb-perf-guard-'));
    onTestFinished(() => rm(siteDir, { recursive: true, force: true }));
    await mkdir(path.join(siteDir, 'node_modules/@docusaurus/core'), { recursive: true });
    await writeFile(path.join(siteDir, 'package.json'), '{"name":"site"}');
    await writeFile(
      path.join(siteDir, 'node_modules/@docusaurus/core/package.json'),
      '{"name":"@docusaurus/core","version":"3.11.0"}',
    );
    const { default: perfPlugin } = await import('./index.ts');
    expect(() => perfPlugin({ siteDir } as never)).toThrow(
      /^perf \(src\/plugins\/perf\): @docusaurus\/core 3\.11\.0 is installed, the perf layer supports 3\.10\.x only; build without it with KB_PERF=0/,
    );
  });
});
