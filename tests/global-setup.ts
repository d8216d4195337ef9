// builds the bundle that `npm start` runs (dist/), once, before any test spawns it
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../src/repo-root.js';

export default function setup(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
