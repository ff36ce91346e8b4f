/**
 * What the backend's tenant-wide followers keep (issue 9): failed sign-ins, risky users,
 * security-info audit events and the registration report snapshot, each with bounded retention,
 * plus each follower's progress (watermark, last success). Records are plain Graph JSON.
 */

export interface FollowerProgress {
  /** Incremental followers: the newest event time (ISO) already read. */
  watermark?: string;
  /** When the last complete read finished (ISO, tenant clock). */
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** Why the last read did not complete (budget exhausted, Graph error); cleared on success. */
  lastError?: string;
  /** Snapshots: Microsoft's own "as of" of the data (e.g. the report's lastUpdatedDateTime). */
  dataAsOf?: string;
}

export interface TimedRecord {
  id: string;
  /** Object id of the user the record concerns. */
  userId: string;
  /** Event time (ms since epoch). */
  atMs: number;
  record: Record<string, unknown>;
}

export interface FollowerStore {
  /** Insert or replace events by id (sign-ins, security-info events). */
  putEvents(kind: EventKind, records: TimedRecord[]): Promise<void>;
  /** One user's events at or after `sinceMs`, newest first. */
  eventsOf(kind: EventKind, userId: string, sinceMs: number): Promise<Array<Record<string, unknown>>>;
  /** Retention: deletes events older than `beforeMs`; returns how many. */
  pruneEvents(kind: EventKind, beforeMs: number): Promise<number>;
  /** Snapshot rows (risky users, registration report) keyed by user id, stamped with `generation`. */
  putRows(kind: SnapshotKind, generation: number, rows: Array<{ userId: string; record: Record<string, unknown> }>): Promise<void>;
  /** Ends a complete walk: rows of older generations are gone (the snapshot is replaced). */
  finishSnapshot(kind: SnapshotKind, generation: number): Promise<void>;
  rowOf(kind: SnapshotKind, userId: string): Promise<Record<string, unknown> | undefined>;
  /** Rows in user-id order after `after`, for paged walks (campaign results). */
  rows(kind: SnapshotKind, opts?: { after?: string; limit?: number }): Promise<Array<{ userId: string; record: Record<string, unknown> }>>;
  progress(follower: string): Promise<FollowerProgress | undefined>;
  setProgress(follower: string, progress: FollowerProgress): Promise<void>;
}

export type EventKind = 'signIns' | 'securityInfo';
export type SnapshotKind = 'riskyUsers' | 'registration';
