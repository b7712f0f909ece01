#!/usr/bin/env node
// Runs the kb CLI: a cached esbuild bundle of its sources, or tsx (see load-main.mjs).
import { loadMain } from './load-main.mjs';

const { main } = await loadMain();
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env });
