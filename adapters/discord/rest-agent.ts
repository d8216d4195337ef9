// the bot's own HTTP connections to Discord's REST API: at most a few, kept alive between requests.
import { Agent, Pool } from 'undici';

/**
 * Connections to one API root at most. Without a bound, a burst of commands opens one connection per
 * answer (each a TCP and TLS handshake, and several times the CPU of the request itself) instead of
 * reusing a few; interaction callbacks are POSTs, which are never pipelined, so each connection carries
 * one request at a time and a burst queues briefly for a free one.
 */
export const DEFAULT_REST_CONNECTIONS = 32;

export interface RestAgent {
  agent: Agent;
  /** closes the connections: at once when idle, else after `graceMs` by dropping what is in flight */
  close(graceMs: number): Promise<void>;
}

export function createRestAgent(connections = DEFAULT_REST_CONNECTIONS): RestAgent {
  if (!Number.isInteger(connections) || connections < 1) {
    throw new RangeError(`Discord REST connections: expected a whole number ≥ 1, got ${connections}`);
  }
  // kept here as well: the agent forgets its pools once close() begins, so it could not drop them later
  const pools = new Set<Pool>();
  const agent = new Agent({
    connections,
    factory: (origin, options) => {
      const pool = new Pool(origin, options as Pool.Options);
      pools.add(pool);
      return pool;
    },
  });
  return {
    agent,
    async close(graceMs) {
      if (agent.closed || agent.destroyed) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
        timer.unref();
      });
      const outcome = await Promise.race([agent.close().then(() => 'closed' as const), late]);
      clearTimeout(timer);
      if (outcome === 'late') await Promise.all([...pools].map((pool) => pool.destroy()));
    },
  };
}
