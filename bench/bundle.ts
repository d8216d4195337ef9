// a benchmark's measuring process runs the code as `npm start` does: bundled by esbuild into plain
// javascript under dist/ (the same options as `npm run build`), not through tsx's loader
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../src/repo-root.js';

/** bundles `entry` (a .ts file) and returns the path of the javascript to run */
export async function bundled(entry: string): Promise<string> {
  const outfile = path.join(REPO_ROOT, 'dist/bench', `${path.basename(entry, '.ts')}.js`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
