#!/usr/bin/env node
// The `shopfloor` command: builds the server first when its sources changed, then runs the CLI.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ensureBuilt } = await import(pathToFileURL(path.join(root, 'scripts/bootstrap.mjs')).href);
ensureBuilt();
await import(pathToFileURL(path.join(root, 'dist/server/cli/run.js')).href);
