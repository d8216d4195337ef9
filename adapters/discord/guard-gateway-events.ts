// keeps one malformed gateway event from taking the process down. discord.js (14.28) builds its objects
// from each dispatch inside an async callback, so a payload it cannot read (an interaction without
// `entitlements`, a button without its message) becomes an unhandled rejection, which ends a Node
// process. This wraps its (private) packet handler so such an event is logged and skipped instead.
import type { Client } from 'discord.js';
import type { Logger } from '../../src/index.js';

interface PacketHandling {
  handlePacket?: (packet?: { t?: string }, shard?: unknown) => boolean;
}

/** true when the guard is in place; false when this discord.js version no longer has the handler */
export function guardGatewayEvents(client: Client, logger: Logger): boolean {
  const manager = client.ws as unknown as PacketHandling;
  const original = manager.handlePacket;
  if (typeof original !== 'function') return false;
  manager.handlePacket = function guarded(packet, shard) {
    try {
      return original.call(this, packet, shard);
    } catch (error) {
      logger.warn('skipped a gateway event discord.js could not read', { event: packet?.t, error });
      return true;
    }
  };
  return true;
}
