import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address family the browser reached us over. An IPv4-mapped IPv6 address (::ffff:0:0/96,
 * `::ffff:a.b.c.d` or `::ffff:7f00:1`, what a dual-stack socket reports for IPv4 clients) is IPv4.
 */
export function ipFamilyOf(address: string | undefined): 'ipv4' | 'ipv6' | undefined {
  if (!address) return undefined;
  const bare = address.replace(/%.*$/, ''); // zone id (fe80::1%eth0)
  if (isIPv4(bare)) return 'ipv4';
  if (!isIPv6(bare)) return undefined;
  const dotted = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (dotted?.[1] && isIPv4(dotted[1])) return 'ipv4';
  if (/^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/i.test(bare)) return 'ipv4';
  return 'ipv6';
}
