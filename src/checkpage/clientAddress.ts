/**
 * The browser's address as the self-check page should see it. Behind App Service (or Front Door,
 * Application Gateway) the socket peer is the platform's front end and the browser's address is in
 * `X-Forwarded-For`; anyone can send that header, so it is believed only from a configured front
 * end (CHECK_TRUSTED_PROXIES). Standard right-to-left walk: start at the socket peer; while the
 * current hop is a trusted proxy, step to the address it says it received the request from.
 * App Service appends `ip:port` (and `[v6]:port`), so ports are stripped.
 */
import { cidrContains, parseCidr, parseIp, type CidrRange } from '../diagnosis/ip';

export interface TrustedProxies {
  ranges: CidrRange[];
}

/** Parses CIDRs (or bare addresses); throws naming the first bad entry. */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges = entries.map((e) => {
    const text = e.trim();
    const range = parseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
    if (!range) throw new Error(`not an IP range: "${e}"`);
    return range;
  });
  return { ranges };
}

/** `203.0.113.5:52340` → `203.0.113.5`; `[2001:db8::1]:443` → `2001:db8::1`; bare addresses unchanged. */
export function stripPort(hop: string): string {
  const h = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed?.[1]) return bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(h);
  if (v4port?.[1]) return v4port[1];
  return h;
}

const unmapped = (address: string): string => address.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1').replace(/%.*$/, '');

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const ip = parseIp(unmapped(address));
  return ip !== undefined && trusted.ranges.some((r) => cidrContains(r, ip));
}

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string | undefined {
  if (socketAddress === undefined) return undefined;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  let current = socketAddress;
  while (isTrusted(current, trusted)) {
    const next = hops.pop();
    if (next === undefined) break;
    const address = stripPort(next);
    if (parseIp(unmapped(address)) === undefined) break; // garbage from a client: stop at the last good hop
    current = address;
  }
  return current;
}
