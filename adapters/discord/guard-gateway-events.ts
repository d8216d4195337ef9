// keeps one malformed gateway event from taking the process down, and lets the bot take over events it
// reads itself. discord.js (14.28) builds its objects from each dispatch inside an async callback, so a
// payload it cannot read becomes an unhandled rejection, which ends a Node process. This wraps its
// (private) packet handler so such an event is logged and skipped instead.
import type { Client } from 'discord.js';
import type { Logger } from '../../src/index.js';

interface PacketHandling {
  handlePacket?: (packet?: { t?: string }, shard?: unknown) => boolean;
}

/**
 * true when the guard is in place; false when this discord.js version no longer has the handler.
 * Events named in `readElsewhere` (answered from the raw dispatch, `client.ws.on(event)`) are not
 * turned into discord.js objects at all.
 */
export function guardGatewayEvents(
  client: Client,
  logger: Logger,
  readElsewhere: readonly string[] = [],
): boolean {
  const manager = client.ws as unknown as PacketHandling;
  const original = manager.handlePacket;
  if (typeof original !== 'function') return false;
  const skipped = new Set(readElsewhere);
  manager.handlePacket = function guarded(packet, shard) {
    try {
      // still called, without the packet: it also releases the events queued before READY
      if (packet?.t !== undefined && skipped.has(packet.t)) return original.call(this, undefined, shard);
      return original.call(this, packet, shard);
    } catch (error) {
      logger.warn('skipped a gateway event discord.js could not read', { event: packet?.t, error });
      return true;
    }
  };
  return true;
}
