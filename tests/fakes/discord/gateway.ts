// the fake Discord gateway over `ws`: HELLO, heartbeat ACKs, IDENTIFY with a token check, READY, GUILD_CREATE.
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreate } from './payloads.js';
import type { FakeState } from './state.js';

export interface GatewayStats {
  connections: number;
  identifies: number;
  heartbeats: number;
  /** close codes the fake sent (4004 for a wrong token) */
  closes: number[];
}

export interface FakeGateway {
  stats: GatewayStats;
  /** sends a dispatch to every identified session; false when none is connected */
  dispatch(event: string, data: unknown): boolean;
  close(): Promise<void>;
}

interface Session {
  socket: WebSocket;
  sequence: number;
  identified: boolean;
}

export function createFakeGateway(
  server: Server,
  state: FakeState,
  options: { heartbeatIntervalMs: number; url: () => string; holdReady?: boolean },
): FakeGateway {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const sessions = new Set<Session>();
  const stats: GatewayStats = { connections: 0, identifies: 0, heartbeats: 0, closes: [] };

  const send = (session: Session, payload: unknown) => session.socket.send(JSON.stringify(payload));
  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.sequence += 1;
    send(session, { op: 0, t, s: session.sequence, d });
  };

  wss.on('connection', (socket) => {
    stats.connections += 1;
    const session: Session = { socket, sequence: 0, identified: false };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.on('message', (raw) => {
      let packet: { op?: number; d?: { token?: string } };
      try {
        packet = JSON.parse(String(raw)) as typeof packet;
      } catch {
        stats.closes.push(4002);
        return socket.close(4002, 'Decode error');
      }
      if (packet.op === 1) {
        stats.heartbeats += 1;
        return send(session, { op: 11 });
      }
      if (packet.op === 2) {
        stats.identifies += 1;
        if (options.holdReady) return undefined;
        if (packet.d?.token !== state.gatewayToken) {
          stats.closes.push(4004);
          return socket.close(4004, 'Authentication failed.');
        }
        session.identified = true;
        dispatchTo(session, 'READY', {
          v: 10,
          user: state.bot,
          guilds: state.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
          session_id: `session-${stats.identifies}`,
          resume_gateway_url: options.url(),
          shard: [0, 1],
          application: { id: state.applicationId, flags: 0 },
        });
        for (const guild of state.guilds) dispatchTo(session, 'GUILD_CREATE', guildCreate(guild, state.bot));
        return undefined;
      }
      if (packet.op === 6) {
        // no resuming here: ask for a fresh IDENTIFY
        return send(session, { op: 9, d: false });
      }
      return undefined;
    });
    send(session, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } });
  });

  return {
    stats,
    dispatch(event, data) {
      let sent = false;
      for (const session of sessions) {
        if (!session.identified) continue;
        dispatchTo(session, event, data);
        sent = true;
      }
      return sent;
    },
    close() {
      for (const session of sessions) session.socket.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
