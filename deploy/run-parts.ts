// The site as parts (src/plugins/parts, deploy/parts.ts), from the site folder:
//   tsx deploy/run-parts.ts build <part> [--config F] [--parts-dir build-parts]   one part (a CI job)
//   tsx deploy/run-parts.ts merge [--parts-dir build-parts] [--out build]           the parts into one site
//   tsx deploy/run-parts.ts all [--config F] [--parts-dir build-parts] [--out build] each part, then the merge
// npm scripts: build:part, build:merge, build:parts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSiteParts, type SitePart } from '../src/plugins/parts/model.ts';
import { describeMerge, mergeParts } from './parts.ts';
import { describeSummary, prepareSite } from './prepare.ts';

const USAGE = 'usage: run-parts.ts build <part> | merge | all  [--config F] [--parts-dir build-parts] [--out build]';

async function partsOf(configFile: string): Promise<SitePart[]> {
  const mod = (await import(pathToFileURL(path.resolve(configFile)).href)) as { default: unknown };
  const config = (typeof mod.default === 'function' ? await (mod.default as () => unknown)() : mod.default) as {
    customFields?: { siteParts?: { parts?: unknown } };
  };
  return parseSiteParts(config.customFields?.siteParts?.parts);
}

function docusaurusBuild(part: string, outDir: string, config: string | undefined): Promise<void> {
  const args = ['build', '--out-dir', outDir, ...(config ? ['--config', config] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/docusaurus'), args, {
      stdio: 'inherit',
      env: { ...process.env, KB_PART: part },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`part ${part}: docusaurus build exited with ${signal ?? code}`)),
    );
  });
}

async function buildPart(part: string, partsDir: string, config: string | undefined): Promise<void> {
  const outDir = path.join(partsDir, part);
  const started = performance.now();
  await docusaurusBuild(part, outDir, config);
  console.log(describeSummary(await prepareSite(outDir)));
  console.log(`[parts] part ${part} built into ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      'parts-dir': { type: 'string', default: 'build-parts' },
      out: { type: 'string', default: 'build' },
    },
  });
  const [command, part] = positionals;
  const partsDir = values['parts-dir'];
  if (command === 'build' && part && positionals.length === 2) {
    const names = (await partsOf(values.config ?? 'docusaurus.config.ts')).map((p) => p.name);
    if (!names.includes(part)) throw new Error(`no part ${part} — use one of ${names.join(', ')}`);
    await buildPart(part, partsDir, values.config);
  } else if (command === 'merge' && positionals.length === 1) {
    console.log(describeMerge(await mergeParts(partsDir, values.out), values.out));
  } else if (command === 'all' && positionals.length === 1) {
    for (const p of await partsOf(values.config ?? 'docusaurus.config.ts'))
      await buildPart(p.name, partsDir, values.config);
    console.log(describeMerge(await mergeParts(partsDir, values.out), values.out));
  } else throw new Error(USAGE);
}

main().catch((error: unknown) => {
  console.error(`deploy/parts: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
