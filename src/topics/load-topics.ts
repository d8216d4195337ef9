import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { REPO_ROOT } from '../repo-root.js';
import { TopicsFileSchema } from './topic.js';
import type { Topic } from './topic.js';
import { foldKey, topicNames } from './topic-names.js';

/** The taxonomy that ships with briefer (English, Dari and Pashto). */
export const BUNDLED_TOPICS_FILE: string = path.join(REPO_ROOT, 'src/topics/taxonomy.json');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** "$[3].names.fa" for the zod path [3, 'names', 'fa'] */
function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^/, '$');
}

/**
 * Reads and validates a topics file (TopicsFileSchema); throws ConfigError naming the file, the JSON path of
 * the bad value and what is wrong. Duplicate ids, and a name or alias (folded) claimed by two topics, are errors.
 */
export async function loadTopics(file: string = BUNDLED_TOPICS_FILE): Promise<Topic[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read topics file ${file}: ${messageOf(error)}`);
  }
  return parseTopics(text, file);
}

/** Parses topics file text; `file` is only used to name it in errors. */
export function parseTopics(text: string, file: string): Topic[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Topics file ${file} is not valid JSON: ${messageOf(error)}`);
  }
  const parsed = TopicsFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
    throw new ConfigError(`Topics file ${file} is invalid: ${problems.join('; ')}${more}`);
  }
  checkUnique(parsed.data, file);
  return parsed.data;
}

function checkUnique(topics: readonly Topic[], file: string): void {
  const ids = new Map<string, number>();
  const owners = new Map<string, { topic: number; path: string }>();
  topics.forEach((topic, i) => {
    const first = ids.get(topic.id);
    if (first !== undefined) {
      throw new ConfigError(
        `Topics file ${file}: $[${i}].id: duplicate topic id "${topic.id}" (first at $[${first}])`,
      );
    }
    ids.set(topic.id, i);
    for (const { text, path } of topicNames(topic)) {
      const key = foldKey(text);
      const where = `$[${i}].${path}`;
      if (key === '')
        throw new ConfigError(`Topics file ${file}: ${where}: "${text}" has no letters or digits`);
      const owner = owners.get(key);
      if (owner && owner.topic !== i) {
        const other = topics[owner.topic]?.id ?? '?';
        throw new ConfigError(
          `Topics file ${file}: ${where}: "${text}" is also claimed by topic "${other}" at $[${owner.topic}].${owner.path}`,
        );
      }
      if (!owner) owners.set(key, { topic: i, path });
    }
  });
}
