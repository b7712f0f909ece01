#!/usr/bin/env node
// Runs the kb CLI: a cached esbuild bundle of its sources, or tsx (see load-main.mjs).
import { loadMain } from './load-main.mjs';

const argv = process.argv.slice(2);
const { main } = await loadMain(argv);
process.exitCode = await main(argv, { cwd: process.cwd(), env: process.env });
