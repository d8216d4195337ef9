// what `npm start` and `npm run briefer` run: node on the bundle in dist/, which the tests' global
// setup (tests/global-setup.ts) builds once with `npm run build`, so the tests run the shipped code
import path from 'node:path';
import { REPO_ROOT } from '../../src/repo-root.js';

export const BRIEFER_MAIN: string = path.join(REPO_ROOT, 'dist/main.js');
