// a benchmark's measuring process runs the code as `npm start` does: bundled by esbuild into plain
// javascript under dist/ (the same options as `npm run build`), not through tsx's loader
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/repo-root.js';

/** bundles `entry` (a .ts file) and returns the path of the javascript to run */
export async function bundled(entry: string): Promise<string> {
  // imported here, not at the top: a measuring process imports this file too (for startNodeOptions),
  // and esbuild would add about 10 MB to the memory it measures
  const { build } = await import('esbuild');
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

/** the node options `npm start` runs the bot with (package.json), for a measuring process to use too */
export function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}
