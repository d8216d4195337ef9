// the project's folder (the one holding package.json), found upward from the running module, so it
// is the same from the TypeScript source (src/…) and from the bundle that npm start runs (dist/…)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}

export const REPO_ROOT: string = findRoot(path.dirname(fileURLToPath(import.meta.url)));
