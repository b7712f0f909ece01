// `tsx deploy/run-prepare.ts [BUILD_DIR]` (default build/): run by `npm run build` and
// scripts/dev/build-copy.sh after `docusaurus build`; see prepare.ts.
import { describeSummary, prepareSite } from './prepare.ts';

const dir = process.argv[2] ?? 'build';
try {
  console.log(describeSummary(await prepareSite(dir)));
} catch (error) {
  console.error(`deploy/prepare: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
