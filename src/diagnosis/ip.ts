/**
 * A small, strict IPv4/IPv6 parser and CIDR matcher (named locations, sign-in addresses).
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are treated as the IPv4 address they carry.
 * Anything malformed parses to `undefined` rather than throwing.
 */
export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export interface CidrRange {
  family: IpFamily;
  network: bigint;
  prefix: number;
  text: string;
}

const V4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!V4_PART.test(p)) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseHextets(groups: string[]): number[] | undefined {
  const out: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(parseInt(g, 16));
  }
  return out;
}

function parseV6(input: string): bigint | undefined {
  let text = input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // Embedded IPv4 tail (e.g. ::ffff:192.0.2.1 or 64:ff9b::192.0.2.1).
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    const prefix = text.slice(0, lastColon + 1);
    text = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? parseHextets(halves[0].split(':')) : [];
  const rest = halves.length === 2 && halves[1] ? parseHextets(halves[1].split(':')) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (known > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
  } else {
    if (known !== 8) return undefined;
    groups = [...head, ...tail];
  }
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** Parse an IPv4 or IPv6 address. */
export function parseIp(text: string | null | undefined): IpAddress | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (t.includes(':')) {
    const v = parseV6(t);
    if (v === undefined) return undefined;
    if (v >> 32n === 0xffffn && (v & ~0xffffffffn) === MAPPED_PREFIX) return { family: 4, value: v & 0xffffffffn };
    return { family: 6, value: v };
  }
  const v4 = parseV4(t);
  return v4 === undefined ? undefined : { family: 4, value: v4 };
}

/** Parse `a.b.c.d/n` or `x:y::/n`; a bare address is a single-host range. */
export function parseCidr(text: string | null | undefined): CidrRange | undefined {
  if (!text) return undefined;
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = len === undefined ? bits : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const shift = BigInt(bits - prefix);
  return { family: ip.family, network: (ip.value >> shift) << shift, prefix, text: text.trim() };
}

export function cidrContains(range: CidrRange, ip: IpAddress): boolean {
  if (range.family !== ip.family) return false;
  const shift = BigInt((range.family === 4 ? 32 : 128) - range.prefix);
  return ip.value >> shift === range.network >> shift;
}
