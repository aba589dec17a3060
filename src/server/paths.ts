import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root, both from src/server (tests) and dist/server (built). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');
