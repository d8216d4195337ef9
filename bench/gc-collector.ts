import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** a gc() for memory figures: --expose-gc turned on late still hands one out in a new context */
export function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
