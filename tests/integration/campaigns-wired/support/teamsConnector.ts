/**
 * A Bot Connector stand-in for the wired tests that shares Teams' truth with the Graph simulator:
 * a 1:1 conversation can be created only for users who have the app installed there
 * (teamworkOf(tenant)), and users who blocked the bot answer 403 ConversationBlockedByUser. It
 * records messages per conversation and card updates (PUT).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { teamworkOf } from '../../../../src/simulator/graph/handlers/teamwork';
import type { SimTenant } from '../../../../src/simulator/types';

export interface TeamsCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
  status?: number;
}

export interface TeamsConnector {
  url: string;
  calls: TeamsCall[];
  blocked: Set<string>;
  creates(): string[];
  /** Messages the conversation received (refused ones not counted). */
  messagesTo(userId: string): TeamsCall[];
  close(): Promise<void>;
}

export async function startTeamsConnector(tenant: SimTenant): Promise<TeamsConnector> {
  const calls: TeamsCall[] = [];
  const blocked = new Set<string>();
  let n = 0;
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    const last = calls[calls.length - 1];
    if (last) last.status = status;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const path = decodeURIComponent(req.url ?? '');
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const conversationId = /\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? '';
      calls.push({ method: req.method ?? '', path, conversationId, body });
      if (req.method === 'POST' && path === '/v3/conversations') {
        const member = (body.members as Array<{ id?: string }> | undefined)?.[0]?.id ?? '';
        if (!teamworkOf(tenant).installed.has(member.toLowerCase())) {
          return answer(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        }
        return answer(res, 201, { id: `a:${member}` });
      }
      if (req.method === 'POST' && blocked.has(conversationId.replace(/^a:/, ''))) {
        return answer(res, 403, { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } });
      }
      answer(res, 200, { id: req.method === 'PUT' ? (/activities\/([^/]+)$/.exec(path)?.[1] ?? '') : `act-${++n}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    blocked,
    creates: () => calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations').map((c) => String((c.body.members as Array<{ id?: string }>)[0]?.id)),
    messagesTo: (userId) => calls.filter((c) => c.method === 'POST' && c.conversationId === `a:${userId}` && c.path.endsWith('/activities') && c.status !== undefined && c.status < 300),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
