import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares `actual` with the golden file at `path`; writes the file when it is missing or when
 * UPDATE_GOLDEN=1, so a change of output is a reviewed diff, never a silent pass.
 */
export function expectGolden(path: string, actual: string): void {
  if (!existsSync(path) || process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual, `output differs from ${path}; run with UPDATE_GOLDEN=1 to accept it`).toBe(
    readFileSync(path, 'utf8'),
  );
}

/**
 * Like expectGolden, but a missing file fails too: golden files are written only on request,
 * with UPDATE_GOLDEN=1 (npm run golden:update), and reviewed as a diff.
 */
export function expectGoldenFile(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run npm run golden:update to write it`).toBe(true);
  expect(actual, `output differs from ${path}; run npm run golden:update to accept it`).toBe(
    readFileSync(path, 'utf8'),
  );
}
