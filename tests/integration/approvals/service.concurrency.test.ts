import { BOB, CAROL, Harness, VERIFIED, newRequest, value } from './support/harness';
import type { ApprovalResult } from '../../../src/approvals/results';

describe('TAP issuance exactly once under concurrency (several connections to one SQLite file)', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it('when 50 approve() calls race on one request across 5 instances, the issuer is called once, one tap.issued is audited and 49 get already_decided', async () => {
    const instances = Array.from({ length: 5 }, (_, i) => h.instance({ instanceId: `bot-${i}` }));
    const first = instances[0];
    if (!first) throw new Error('missing instance');
    const req = value(await first.service.request(newRequest()));
    h.issuer.hold(); // the winner parks inside issue(), so every loser runs while the pass is being created

    const calls: Array<Promise<ApprovalResult>> = [];
    for (let i = 0; i < 50; i++) {
      const inst = instances[i % 5];
      if (!inst) throw new Error('missing instance');
      calls.push(inst.service.approve(req.id, i % 2 === 0 ? BOB : CAROL, VERIFIED));
    }
    await new Promise((r) => setImmediate(r));
    while (h.issuer.calls.length === 0) await new Promise((r) => setImmediate(r));
    h.issuer.release();
    const results = await Promise.all(calls);

    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r): r is Extract<ApprovalResult, { ok: false }> => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    expect(new Set(losers.map((l) => l.reason))).toEqual(new Set(['already_decided']));
    expect(losers.every((l) => l.request !== undefined && l.request.state !== 'pending')).toBe(true);
    expect(h.issuer.calls).toHaveLength(1);
    expect(await first.store.query({ action: 'tap.issued' })).toHaveLength(1);
    expect(await first.store.query({ action: 'tap.approved' })).toHaveLength(1);
    expect((await first.service.get(req.id))?.state).toBe('issued');
  });

  it('when one approver denies while another approves at the same moment, exactly one decision sticks', async () => {
    const a = h.instance();
    const b = h.instance();
    const req = value(await a.service.request(newRequest()));

    const [approved, denied] = await Promise.all([a.service.approve(req.id, BOB, VERIFIED), b.service.deny(req.id, CAROL, 'not convinced')]);

    expect([approved.ok, denied.ok].filter(Boolean)).toHaveLength(1);
    const final = await a.service.get(req.id);
    expect(final?.state).toBe(approved.ok ? 'issued' : 'denied');
    expect(h.issuer.calls).toHaveLength(approved.ok ? 1 : 0);
  });

  it('when the employee sends "I need a pass" from two instances at once, one request is filed', async () => {
    const a = h.instance();
    const b = h.instance();
    const results = await Promise.all([a.service.request(newRequest()), b.service.request(newRequest()), a.service.request(newRequest())]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(['already_requested', 'already_requested']);
    expect(await a.service.list()).toHaveLength(1);
  });

  it('when two instances try to deliver the same pass at once, it is sent once', async () => {
    const a = h.instance({ instanceId: 'bot-a' });
    const b = h.instance({ instanceId: 'bot-b' });
    const req = value(await a.service.request(newRequest()));
    value(await a.service.approve(req.id, BOB, VERIFIED));
    const sent: string[] = [];
    const send = (who: string) => async () => {
      sent.push(who);
      return { activityId: `activity-${who}` };
    };

    const results = await Promise.all([a.service.deliver(req.id, send('a')), b.service.deliver(req.id, send('b'))]);

    expect(sent).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await a.store.query({ action: 'tap.delivered' })).toHaveLength(1);
  });
});
