/**
 * Append-only audit trail on Azure Table storage. `seq` comes from a counter entity advanced with
 * an ETag-conditional replace (optimistic, retried on 412), so it increases strictly across every
 * process sharing the table. Records live in partition `audit` with RowKey = zero-padded seq, so
 * the table's natural order (PartitionKey, RowKey) is seq order. There is no update or delete in
 * this code; immutability against other writers comes from RBAC and the export (docs/operations.md).
 *
 * A crash between taking a seq and writing the record leaves a gap: seq is monotonic, not dense.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { AuditLog, AuditRecord } from '../types';
import { AuditQuerySchema, AuditRecordSchema, type AuditQuery } from '../auditSchema';
import { statusOf } from './errors';



const EntitySchema = z.object({
  rowKey: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  subject: z.string().optional(),
  details: z.string().optional(),
  correlationId: z.string().optional(),
});

const META = 'meta';
const COUNTER = 'seq';
const RECORDS = 'audit';
const MAX_SEQ_ATTEMPTS = 200;

export const padSeq = (seq: number): string => String(seq).padStart(15, '0');

export class TableAuditLog implements AuditLog {
  constructor(
    private readonly table: TableClient,
    private readonly clock: Clock,
  ) {}

  async append(record: AuditRecord): Promise<AuditRecord> {
    const parsed = AuditRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new AppError('bad_request', `invalid audit record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { expected: false });
    }
    const { seq: _ignored, ...r } = parsed.data;
    const seq = await this.nextSeq();
    await this.table.createEntity({
      partitionKey: RECORDS,
      rowKey: padSeq(seq),
      at: r.at,
      // Normalised to UTC so string order is time order (the `since` filter compares instants).
      atUtc: new Date(r.at).toISOString(),
      action: r.action,
      actor: r.actor,
      ...(r.subject !== undefined ? { subject: r.subject } : {}),
      ...(r.details !== undefined ? { details: JSON.stringify(r.details) } : {}),
      ...(r.correlationId !== undefined ? { correlationId: r.correlationId } : {}),
      recordedAt: this.clock.now().toISOString(),
    });
    return { ...r, seq };
  }

  /** Oldest first (by seq). `since` is inclusive and compares instants, not strings. */
  async query(options: AuditQuery = {}): Promise<AuditRecord[]> {
    const q = AuditQuerySchema.parse(options);
    const limit = q.limit ?? 1000;
    const parts = [odata`PartitionKey eq ${RECORDS}`];
    if (q.since !== undefined) parts.push(odata`atUtc ge ${new Date(q.since).toISOString()}`);
    if (q.afterSeq !== undefined) parts.push(odata`RowKey gt ${padSeq(q.afterSeq)}`);
    if (q.action !== undefined) parts.push(odata`action eq ${q.action}`);
    if (q.subject !== undefined) parts.push(odata`subject eq ${q.subject}`);
    const out: AuditRecord[] = [];
    const pages = this.table.listEntities({ queryOptions: { filter: parts.join(' and ') } }).byPage({ maxPageSize: Math.min(1000, limit) });
    for await (const page of pages) {
      for (const raw of page) {
        const e = EntitySchema.parse(raw);
        const rec: AuditRecord = { seq: Number(e.rowKey), at: e.at, action: e.action, actor: e.actor };
        if (e.subject !== undefined) rec.subject = e.subject;
        if (e.details !== undefined) rec.details = JSON.parse(e.details) as Record<string, unknown>;
        if (e.correlationId !== undefined) rec.correlationId = e.correlationId;
        out.push(rec);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /** Takes the next seq: read the counter, replace it if nobody else did in between, else retry. */
  private async nextSeq(): Promise<number> {
    for (let attempt = 0; attempt < MAX_SEQ_ATTEMPTS; attempt++) {
      let current: { next: number; etag: string } | undefined;
      try {
        const e = await this.table.getEntity<{ next: number }>(META, COUNTER);
        if (typeof e.next !== 'number' || !e.etag) throw new Error('audit counter entity is malformed');
        current = { next: e.next, etag: e.etag };
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
      try {
        if (!current) {
          await this.table.createEntity({ partitionKey: META, rowKey: COUNTER, next: 2 });
          return 1;
        }
        await this.table.updateEntity({ partitionKey: META, rowKey: COUNTER, next: current.next + 1 }, 'Replace', { etag: current.etag });
        return current.next;
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw err;
      }
    }
    throw new AppError('unavailable', 'could not take an audit sequence number (too much contention)');
  }
}
