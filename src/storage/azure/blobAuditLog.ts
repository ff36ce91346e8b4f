/**
 * Append-only audit trail on Azure append blobs, as a hash chain (src/storage/auditChain.ts).
 *
 * One JSON line per record in `segment-000001.jsonl`, `segment-000002.jsonl`, ... (an append blob
 * holds at most 50,000 blocks). Every append is conditional on the blob's current length
 * (`x-ms-blob-condition-appendpos`), so two instances racing for the same position cannot both
 * win: the loser re-reads the head and chains onto the winner. seq is dense and global.
 *
 * Immutability: the Bicep gives the container a time-based retention policy with protected append
 * writes (`allowProtectedAppendWrites`), so the app's own identities can append but never modify
 * or delete a block, nor delete a blob, until retention ends (infra/azure.bicep, docs/security-model.md).
 */
import type { AppendBlobClient, ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { chainHash, GENESIS_HASH, type AuditChainReader, type ChainedAuditRecord } from '../auditChain';
import { AuditQuerySchema, AuditRecordSchema, type AuditQuery } from '../auditSchema';
import type { AuditLog, AuditRecord } from '../types';
import { statusOf } from './errors';

const LineSchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  subject: z.string().optional(),
  details: z.record(z.unknown()).optional(),
  correlationId: z.string().optional(),
  recordedAt: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});

/** Blocks per append blob before a new segment starts (Azure's limit is 50,000). */
export const MAX_BLOCKS_PER_SEGMENT = 49_000;
const MAX_ATTEMPTS = 100;
const TAIL_BYTES = 64 * 1024;

export const segmentName = (n: number): string => `segment-${String(n).padStart(6, '0')}.jsonl`;
const segmentNumber = (name: string): number | undefined => {
  const m = /^segment-(\d{6})\.jsonl$/.exec(name);
  return m?.[1] === undefined ? undefined : Number(m[1]);
};

function parseLine(line: string): ChainedAuditRecord {
  const l = LineSchema.parse(JSON.parse(line));
  const rec: ChainedAuditRecord = { seq: l.seq, at: l.at, action: l.action, actor: l.actor, prevHash: l.prevHash, hash: l.hash };
  if (l.subject !== undefined) rec.subject = l.subject;
  if (l.details !== undefined) rec.details = l.details;
  if (l.correlationId !== undefined) rec.correlationId = l.correlationId;
  return rec;
}

const stripChain = (r: ChainedAuditRecord): AuditRecord => {
  const { prevHash: _p, hash: _h, ...rest } = r;
  return rest;
};

export class BlobAuditLog implements AuditLog, AuditChainReader {
  constructor(
    private readonly container: ContainerClient,
    private readonly clock: Clock,
    private readonly maxBlocks = MAX_BLOCKS_PER_SEGMENT,
  ) {}

  async append(record: AuditRecord): Promise<AuditRecord> {
    const parsed = AuditRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new AppError('bad_request', `invalid audit record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { expected: false });
    }
    const { seq: _ignored, ...r } = parsed.data;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const segment = await this.currentSegment();
      const blob = this.container.getAppendBlobClient(segmentName(segment));
      const props = await blob.getProperties();
      const length = props.contentLength ?? 0;
      if ((props.blobCommittedBlockCount ?? 0) >= this.maxBlocks) {
        await this.createSegment(segment + 1);
        continue;
      }
      const prev = length > 0 ? await this.lastRecord(blob, length) : await this.lastOfSegment(segment - 1);
      const seq = (prev?.seq ?? 0) + 1;
      const prevHash = prev?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, seq, r);
      const line = `${JSON.stringify({ seq, ...r, recordedAt: this.clock.now().toISOString(), prevHash, hash })}\n`;
      const body = Buffer.from(line, 'utf8');
      try {
        await blob.appendBlock(body, body.length, { conditions: { appendPosition: length } });
        return { ...r, seq };
      } catch (err) {
        // 412: someone appended first (position moved); 409: the segment was sealed/rolled. Re-read.
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw err;
      }
    }
    throw new AppError('unavailable', 'could not append to the audit trail (too much contention)');
  }

  /** Oldest first (by seq). `since` is inclusive and compares instants. */
  async query(options: AuditQuery = {}): Promise<AuditRecord[]> {
    const q = AuditQuerySchema.parse(options);
    const limit = q.limit ?? 1000;
    const since = q.since === undefined ? undefined : Date.parse(q.since);
    const out: AuditRecord[] = [];
    for await (const r of this.records(q.afterSeq ?? 0)) {
      if (since !== undefined && Date.parse(r.at) < since) continue;
      if (q.action !== undefined && r.action !== q.action) continue;
      if (q.subject !== undefined && r.subject !== q.subject) continue;
      out.push(stripChain(r));
      if (out.length >= limit) break;
    }
    return out;
  }

  async readChain(options: { afterSeq?: number; limit?: number } = {}): Promise<ChainedAuditRecord[]> {
    const limit = options.limit ?? 1000;
    const out: ChainedAuditRecord[] = [];
    for await (const r of this.records(options.afterSeq ?? 0)) {
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Creates the container and the first segment when they do not exist yet. */
  async init(): Promise<void> {
    await this.container.createIfNotExists();
    if ((await this.segments()).length === 0) await this.createSegment(1);
  }

  private async *records(afterSeq: number): AsyncGenerator<ChainedAuditRecord> {
    for (const n of await this.segments()) {
      const text = (await this.container.getAppendBlobClient(segmentName(n)).downloadToBuffer()).toString('utf8');
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const r = parseLine(line);
        if (r.seq > afterSeq) yield r;
      }
    }
  }

  private async segments(): Promise<number[]> {
    const out: number[] = [];
    for await (const b of this.container.listBlobsFlat({ prefix: 'segment-' })) {
      const n = segmentNumber(b.name);
      if (n !== undefined) out.push(n);
    }
    return out.sort((a, b) => a - b);
  }

  private async currentSegment(): Promise<number> {
    const all = await this.segments();
    const last = all[all.length - 1];
    if (last !== undefined) return last;
    await this.createSegment(1);
    return 1;
  }

  private async createSegment(n: number): Promise<void> {
    try {
      await this.container.getAppendBlobClient(segmentName(n)).create({ conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      const status = statusOf(err);
      if (status !== 409 && status !== 412) throw err; // another instance created it first
    }
  }

  private async lastOfSegment(n: number): Promise<ChainedAuditRecord | undefined> {
    if (n < 1) return undefined;
    const blob = this.container.getAppendBlobClient(segmentName(n));
    const length = (await blob.getProperties()).contentLength ?? 0;
    return length > 0 ? this.lastRecord(blob, length) : this.lastOfSegment(n - 1);
  }

  /** The last complete line of a blob of `length` bytes (reads the tail, the whole blob if a line is longer). */
  private async lastRecord(blob: AppendBlobClient, length: number): Promise<ChainedAuditRecord> {
    const start = Math.max(0, length - TAIL_BYTES);
    const tail = (await blob.downloadToBuffer(start, length - start)).toString('utf8');
    const lines = tail.split('\n').filter((l) => l.trim() !== '');
    const last = lines[lines.length - 1];
    if (last === undefined || (start > 0 && lines.length < 2)) {
      const whole = (await blob.downloadToBuffer()).toString('utf8').split('\n').filter((l) => l.trim() !== '');
      const l = whole[whole.length - 1];
      if (l === undefined) throw new AppError('unavailable', 'audit segment is not empty but holds no record');
      return parseLine(l);
    }
    return parseLine(last);
  }
}
