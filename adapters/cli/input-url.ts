import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A command-line input: an http(s) or file URL as given, else a path from the current folder. */
export function toInputUrl(input: string): URL {
  if (/^(https?|file):/i.test(input)) return new URL(input);
  return pathToFileURL(path.resolve(input));
}
