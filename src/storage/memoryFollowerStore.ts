/** FollowerStore in memory: one instance only (tests, and a backend started without a store). */
import type { EventKind, FollowerProgress, FollowerStore, SnapshotKind, TimedRecord } from './followerTypes';

export class MemoryFollowerStore implements FollowerStore {
  private readonly events: Record<EventKind, Map<string, TimedRecord>> = { signIns: new Map(), securityInfo: new Map() };
  private readonly snapshots: Record<SnapshotKind, Map<string, { generation: number; record: Record<string, unknown> }>> = { riskyUsers: new Map(), registration: new Map() };
  private readonly progressOf = new Map<string, FollowerProgress>();

  async putEvents(kind: EventKind, records: TimedRecord[]): Promise<void> {
    for (const r of records) this.events[kind].set(r.id, r);
  }
  async eventsOf(kind: EventKind, userId: string, sinceMs: number): Promise<Array<Record<string, unknown>>> {
    return [...this.events[kind].values()].filter((r) => r.userId === userId && r.atMs >= sinceMs).sort((a, b) => b.atMs - a.atMs).map((r) => r.record);
  }
  async pruneEvents(kind: EventKind, beforeMs: number): Promise<number> {
    let n = 0;
    for (const [id, r] of this.events[kind]) if (r.atMs < beforeMs && this.events[kind].delete(id)) n++;
    return n;
  }
  async putRows(kind: SnapshotKind, generation: number, rows: Array<{ userId: string; record: Record<string, unknown> }>): Promise<void> {
    for (const r of rows) this.snapshots[kind].set(r.userId.toLowerCase(), { generation, record: r.record });
  }
  async finishSnapshot(kind: SnapshotKind, generation: number): Promise<void> {
    for (const [id, r] of this.snapshots[kind]) if (r.generation < generation) this.snapshots[kind].delete(id);
  }
  async rowOf(kind: SnapshotKind, userId: string): Promise<Record<string, unknown> | undefined> {
    return this.snapshots[kind].get(userId.toLowerCase())?.record;
  }
  async rows(kind: SnapshotKind, opts: { after?: string; limit?: number } = {}): Promise<Array<{ userId: string; record: Record<string, unknown> }>> {
    return [...this.snapshots[kind].entries()]
      .filter(([id]) => opts.after === undefined || id > opts.after.toLowerCase())
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, opts.limit ?? 1000)
      .map(([userId, r]) => ({ userId, record: r.record }));
  }
  async progress(follower: string): Promise<FollowerProgress | undefined> {
    const p = this.progressOf.get(follower);
    return p ? { ...p } : undefined;
  }
  async setProgress(follower: string, progress: FollowerProgress): Promise<void> {
    this.progressOf.set(follower, { ...progress });
  }
}
