#!/usr/bin/env node
// Thin launcher: `npm run build` bundles the CLI into one file and caches its compiled code (fast start).
import { fileURLToPath, URL } from 'node:url';
import { loadBundle } from '../dist/src/cli/code-cache.js';

const cli = loadBundle(fileURLToPath(new URL('../dist/bundle/cli/main.cjs', import.meta.url))).exports;
cli.useEsmImporter((specifier) => import(specifier));
process.exitCode = await cli.main(process.argv.slice(2));
