import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { SourceSchema, type Source } from './source.js';

const SourcesFileSchema = z.array(SourceSchema);

/** Reads and validates a sources file; relative urls are resolved against the file's folder. */
export async function loadSources(file: string): Promise<Source[]> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`Cannot read the sources file ${file}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError(`The sources file ${file} is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parseSources(json, file);
}

/** Validates sources given as JSON; `file` names where they came from and anchors relative urls. */
export function parseSources(json: unknown, file: string): Source[] {
  const result = SourcesFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length
      ? ` at ${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`
      : '';
    throw new ConfigError(`The sources file ${file}${where}: ${issue.message}`);
  }
  const seen = new Set<string>();
  return result.data.map((source, index) => {
    if (seen.has(source.id)) {
      throw new ConfigError(
        `The sources file ${file} at [${index}].id: "${source.id}" is used twice; ids must be unique`,
      );
    }
    seen.add(source.id);
    return { ...source, url: resolveSourceUrl(source.url, file, index) };
  });
}

function resolveSourceUrl(raw: string, file: string, index: number): URL {
  const fail = (problem: string) =>
    new ConfigError(
      `The sources file ${file} at [${index}].url: ${problem}; use an https:, http: or file: URL, or a path relative to the file, e.g. "feeds/ariana.xml"`,
    );
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw fail(`"${raw}" is not a valid URL`);
    }
    if (!['https:', 'http:', 'file:'].includes(url.protocol))
      throw fail(`"${url.protocol}" is not supported`);
    return url;
  }
  return pathToFileURL(path.resolve(path.dirname(path.resolve(file)), raw));
}
