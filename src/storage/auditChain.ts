/**
 * The audit trail as a hash chain: every record carries the SHA-256 of the record before it, and
 * its own hash covers its content plus that link. Editing a record breaks its hash; deleting one
 * breaks the link (and leaves a gap in seq, which is dense); truncating the end is caught by an
 * anchor (a seq and hash an operator noted earlier, `npm run audit -- --verify --anchor`).
 * Both stores (SQLite, Azure append blobs) write the same chain, so one verifier reads both.
 */
import { createHash } from 'node:crypto';
import type { AuditRecord } from './types';

export const GENESIS_HASH = '0'.repeat(64);

/** A record as stored in the chain. */
export interface ChainedAuditRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Reads the chain in seq order (paging by `afterSeq`). Implemented by every durable store. */
export interface AuditChainReader {
  readChain(options: { afterSeq?: number; limit?: number }): Promise<ChainedAuditRecord[]>;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash of a record at `seq` that follows `prevHash`. */
export function chainHash(prevHash: string, seq: number, record: AuditRecord): string {
  const content = canonicalJson({
    seq,
    at: record.at,
    action: record.action,
    actor: record.actor,
    subject: record.subject,
    details: record.details,
    correlationId: record.correlationId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export type ChainProblem =
  | { kind: 'gap'; afterSeq: number; nextSeq: number }
  | { kind: 'link'; seq: number; expected: string; found: string }
  | { kind: 'hash'; seq: number }
  | { kind: 'anchor'; seq: number; expected: string; found?: string };

export interface ChainReport {
  ok: boolean;
  count: number;
  firstSeq?: number;
  lastSeq?: number;
  headHash?: string;
  problems: ChainProblem[];
}

/** Checks a chain read oldest first: dense seq from 1, every link, every hash, and optional anchors. */
export async function verifyChain(
  records: AsyncIterable<ChainedAuditRecord> | Iterable<ChainedAuditRecord>,
  anchors: ReadonlyArray<{ seq: number; hash: string }> = [],
  /** The seq the chain starts at (1, or the first record written after a store was upgraded to chaining). */
  startSeq = 1,
): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  const wanted = new Map(anchors.map((a) => [a.seq, a.hash]));
  const seenAnchors = new Set<number>();
  let prev: ChainedAuditRecord | undefined;
  let count = 0;
  let firstSeq: number | undefined;
  for await (const r of records) {
    count++;
    firstSeq ??= r.seq;
    const expectedSeq = prev ? prev.seq + 1 : startSeq;
    if (r.seq !== expectedSeq) problems.push({ kind: 'gap', afterSeq: prev?.seq ?? startSeq - 1, nextSeq: r.seq });
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    if (r.prevHash !== expectedPrev) problems.push({ kind: 'link', seq: r.seq, expected: expectedPrev, found: r.prevHash });
    if (chainHash(r.prevHash, r.seq, r) !== r.hash) problems.push({ kind: 'hash', seq: r.seq });
    const anchor = wanted.get(r.seq);
    if (anchor !== undefined) {
      seenAnchors.add(r.seq);
      if (anchor !== r.hash) problems.push({ kind: 'anchor', seq: r.seq, expected: anchor, found: r.hash });
    }
    prev = r;
  }
  for (const [seq, hash] of wanted) if (!seenAnchors.has(seq)) problems.push({ kind: 'anchor', seq, expected: hash });
  return {
    ok: problems.length === 0,
    count,
    ...(firstSeq !== undefined ? { firstSeq } : {}),
    ...(prev ? { lastSeq: prev.seq, headHash: prev.hash } : {}),
    problems,
  };
}

/** Reads a whole chain through a reader, page by page. */
export async function* walkChain(reader: AuditChainReader, pageSize = 1000): AsyncGenerator<ChainedAuditRecord> {
  let after = 0;
  for (;;) {
    const page = await reader.readChain({ afterSeq: after, limit: pageSize });
    for (const r of page) yield r;
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return;
    after = last.seq;
  }
}
