/**
 * Append-only audit trail on SQLite. There is no code path that updates or deletes a record,
 * and triggers in the schema refuse any UPDATE or DELETE issued by anyone else. `seq` is an
 * AUTOINCREMENT key: strictly increasing, never reused.
 */
import type Database from 'better-sqlite3';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { AuditLog, AuditRecord } from '../types';
import { AuditQuerySchema, AuditRecordSchema, type AuditQuery } from '../auditSchema';
import { chainHash, GENESIS_HASH, type AuditChainReader, type ChainedAuditRecord } from '../auditChain';


interface Row {
  seq: number;
  at: string;
  action: string;
  actor: string;
  subject: string | null;
  details: string | null;
  correlation_id: string | null;
}

function toRecord(r: Row): AuditRecord {
  const rec: AuditRecord = { seq: r.seq, at: r.at, action: r.action, actor: r.actor };
  if (r.subject !== null) rec.subject = r.subject;
  if (r.details !== null) rec.details = JSON.parse(r.details) as Record<string, unknown>;
  if (r.correlation_id !== null) rec.correlationId = r.correlation_id;
  return rec;
}

interface ChainRow extends Row {
  prev_hash: string;
  hash: string;
}

export class SqliteAuditLog implements AuditLog, AuditChainReader {
  private readonly insert;
  private readonly head;
  private readonly appendTx;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit (seq, at, at_ms, action, actor, subject, details, correlation_id, recorded_at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The next seq as AUTOINCREMENT would give it (never reuses a seq, even one whose row is gone),
    // and the hash of the newest chained record.
    this.head = db.prepare<[], { next: number; hash: string | null }>(
      `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0), COALESCE((SELECT MAX(seq) FROM audit), 0)) + 1 AS next,
              (SELECT hash FROM audit WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1) AS hash`,
    );
    // IMMEDIATE: the writer lock is taken before reading the head, so two processes cannot chain
    // onto the same predecessor.
    this.appendTx = db.transaction((r: AuditRecord, recordedAt: string): { seq: number; prevHash: string; hash: string } => {
      const head = this.head.get();
      const seq = head?.next ?? 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, seq, r);
      this.insert.run(
        seq,
        r.at,
        Date.parse(r.at),
        r.action,
        r.actor,
        r.subject ?? null,
        r.details === undefined ? null : JSON.stringify(r.details),
        r.correlationId ?? null,
        recordedAt,
        prevHash,
        hash,
      );
      return { seq, prevHash, hash };
    });
  }

  async append(record: AuditRecord): Promise<AuditRecord> {
    const parsed = AuditRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new AppError('bad_request', `invalid audit record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
        expected: false,
      });
    }
    const { seq: _ignored, ...rest } = parsed.data;
    const { seq } = this.appendTx.immediate(rest, this.clock.now().toISOString());
    return { ...rest, seq };
  }

  /** The chained records (with their links) in seq order; records older than the chain are skipped. */
  async readChain(options: { afterSeq?: number; limit?: number } = {}): Promise<ChainedAuditRecord[]> {
    const rows = this.db
      .prepare<[number, number], ChainRow>(
        `SELECT seq, at, action, actor, subject, details, correlation_id, prev_hash, hash FROM audit
         WHERE hash IS NOT NULL AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(options.afterSeq ?? 0, options.limit ?? 1000);
    return rows.map((r) => ({ ...toRecord(r), seq: r.seq, prevHash: r.prev_hash, hash: r.hash }));
  }

  /** The seq the chain starts at: 1, or the first record written after the store was upgraded. */
  chainStart(): number {
    const row = this.db.prepare<[], { first: number | null }>('SELECT MIN(seq) AS first FROM audit WHERE hash IS NOT NULL').get();
    return row?.first ?? 1;
  }

  /** Oldest first (by seq). `since` is inclusive and compares instants, not strings. */
  async query(options: AuditQuery = {}): Promise<AuditRecord[]> {
    const q = AuditQuerySchema.parse(options);
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (q.since !== undefined) {
      where.push('at_ms >= ?');
      params.push(Date.parse(q.since));
    }
    if (q.afterSeq !== undefined) {
      where.push('seq > ?');
      params.push(q.afterSeq);
    }
    if (q.action !== undefined) {
      where.push('action = ?');
      params.push(q.action);
    }
    if (q.subject !== undefined) {
      where.push('subject = ?');
      params.push(q.subject);
    }
    const sql = `SELECT seq, at, action, actor, subject, details, correlation_id FROM audit
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`;
    params.push(q.limit ?? 1000);
    return this.db.prepare<Array<string | number>, Row>(sql).all(...params).map(toRecord);
  }
}
