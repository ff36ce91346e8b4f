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

export class SqliteAuditLog implements AuditLog {
  private readonly insert;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit (at, at_ms, action, actor, subject, details, correlation_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  async append(record: AuditRecord): Promise<AuditRecord> {
    const parsed = AuditRecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new AppError('bad_request', `invalid audit record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
        expected: false,
      });
    }
    const r = parsed.data;
    const details = r.details === undefined ? null : JSON.stringify(r.details);
    const info = this.insert.run(
      r.at,
      Date.parse(r.at),
      r.action,
      r.actor,
      r.subject ?? null,
      details,
      r.correlationId ?? null,
      this.clock.now().toISOString(),
    );
    const { seq: _ignored, ...rest } = r;
    return { ...rest, seq: Number(info.lastInsertRowid) };
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
