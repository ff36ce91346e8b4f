import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../../src/shared/logger';
import { ALICE, BOB, Harness, MALLORY, VERIFIED, newRequest, value } from './support/harness';

describe('TAP audit trail', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it('when a pass goes through its whole life, every step is audited with who, whom, when and why, and no record, document, log line or database byte holds the pass', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const { service, store } = h.instance({ logger: createLogger({ level: 'trace', destination: sink }) });
    const req = value(await service.request(newRequest()));
    await service.approve(req.id, MALLORY, VERIFIED);
    value(await service.approve(req.id, BOB, VERIFIED));
    let seen = '';
    value(await service.deliver(req.id, async (c) => ((seen = c.pass), { activityId: 'activity-1' })));
    value(await service.revoke(req.id, BOB, 'employee finished enrolment'));
    value(await service.redact(req.id, 'revoked'));

    const records = await store.query({ limit: 1000 });
    expect(records.map((r) => r.action)).toEqual([
      'tap.requested',
      'tap.decision_refused',
      'tap.approved',
      'tap.issued',
      'tap.delivered',
      'tap.revoked',
      'tap.redacted',
    ]);
    for (const r of records) {
      expect(r.subject).toBe(ALICE.aadObjectId);
      expect(r.details).toMatchObject({ requestId: req.id, tenantId: 'tenant-1' });
    }
    expect(records[2]).toMatchObject({ actor: BOB.aadObjectId, details: { verificationMethod: 'video_call_with_id', verificationNote: VERIFIED.note } });
    expect(records[1]).toMatchObject({ actor: MALLORY.aadObjectId, details: { reason: 'not_approver' } });

    const pass = h.issuer.passes()[0] ?? 'missing';
    expect(seen).toBe(pass);
    expect(lines.length).toBeGreaterThan(0);
    const everything = [JSON.stringify(records), lines.join(''), JSON.stringify(await store.list('tap-requests')), JSON.stringify(await store.list('tap-vault'))].join('\n');
    expect(everything).not.toContain(pass);
    const raw = Buffer.concat(readdirSync(h.dir).map((f) => readFileSync(join(h.dir, f))));
    expect(raw.includes(Buffer.from(pass))).toBe(false);
  });

  it('when audit records are written, the store refuses to change or delete them', async () => {
    const { service, store } = h.instance();
    value(await service.request(newRequest()));
    const db = new Database(h.path);
    try {
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow();
      expect(() => db.prepare("UPDATE audit SET actor = 'x'").run()).toThrow();
    } finally {
      db.close();
    }
    expect(await store.query({ action: 'tap.requested' })).toHaveLength(1);
  });
});
