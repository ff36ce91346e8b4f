/**
 * The self-check page served by the real check-page server on loopback, with two probe targets:
 * login.microsoftonline.com at a local server the test controls, aadcdn.msftauth.net at a port
 * that refuses connections (the "blocked network" finding).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../../src/shared/clock';
import { startHarness, type Harness } from '../../integration/checkpage/support/harness';

export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
export const closeServer = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

/** A port that was just free and is now closed: connections are refused. */
async function refusedPort(): Promise<number> {
  const closed = createServer();
  const port = await listen(closed);
  await closeServer(closed);
  return port;
}

export async function startCheckPage(upPort: number, probeTimeoutMs: number): Promise<{ h: Harness; base: string }> {
  const downPort = await refusedPort();
  const h = await startHarness({
    clock: systemClock,
    probeTimeoutMs,
    probes: [
      { host: 'login.microsoftonline.com', url: `http://127.0.0.1:${upPort}/favicon.png` },
      { host: 'aadcdn.msftauth.net', url: `http://127.0.0.1:${downPort}/favicon.png` },
    ],
  });
  return { h, base: await h.listen('127.0.0.1') };
}
