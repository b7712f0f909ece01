#!/usr/bin/env node
// Runs the kb CLI straight from its TypeScript sources (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), env: process.env });
