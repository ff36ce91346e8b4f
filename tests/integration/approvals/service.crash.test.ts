import { PassNotSent } from '../../../src/approvals/delivery';
import { BOB, Harness, VERIFIED, newRequest, value } from './support/harness';

describe('TAP approval survives restarts (new instance on the same SQLite file)', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  it('when the instance dies after issuance and before delivery, a restarted instance delivers the pass exactly once', async () => {
    const before = h.instance({ instanceId: 'bot-old' });
    const req = value(await before.service.request(newRequest()));
    value(await before.service.approve(req.id, BOB, VERIFIED));
    before.store.close(); // crash: nothing was sent

    const after = h.instance({ instanceId: 'bot-new' });
    const pending = await after.service.pendingDeliveries();
    expect(pending.map((r) => r.id)).toEqual([req.id]);
    const sent: string[] = [];
    const send = async (c: { pass: string }) => {
      sent.push(c.pass);
      return { activityId: 'activity-1' };
    };

    const delivered = value(await after.service.deliver(req.id, send));
    const again = await after.service.deliver(req.id, send);

    expect(sent).toEqual(h.issuer.passes());
    expect(delivered.state).toBe('delivered');
    expect(delivered.issuance).toMatchObject({ deliveredActivityId: 'activity-1', deliveredAt: '2025-06-02T09:00:00.000Z' });
    expect(again).toMatchObject({ ok: false, reason: 'already_delivered' });
    expect(await after.service.pendingDeliveries()).toEqual([]);
    expect(await after.vault.get(req.id)).toBeUndefined();
    expect(await after.store.query({ action: 'tap.delivered' })).toHaveLength(1);
  });

  it('when the instance dies while the issuer is creating the pass, sweep resumes with the same request id after the lease and one pass results', async () => {
    const before = h.instance({ instanceId: 'bot-old' });
    const req = value(await before.service.request(newRequest()));
    h.issuer.hold();
    const dying = before.service.approve(req.id, BOB, VERIFIED);
    while (h.issuer.calls.length === 0) await new Promise((r) => setImmediate(r));
    before.store.close(); // crash: the issuer answers into a dead process
    h.issuer.release();
    await expect(dying).rejects.toThrow(/closed/);

    const after = h.instance({ instanceId: 'bot-new' });
    expect((await after.service.get(req.id))?.state).toBe('issuing');
    expect((await after.service.sweep()).resumed).toEqual([]); // the dead instance's lease still runs
    h.clock.advance(121_000);
    const report = await after.service.sweep();

    expect(report.resumed).toEqual([req.id]);
    expect(h.issuer.calls.map((c) => c.requestId)).toEqual([req.id, req.id]);
    expect(h.issuer.created.size).toBe(1);
    const issued = await after.service.get(req.id);
    expect(issued?.state).toBe('issued');
    expect(issued?.history.filter((e) => e.event === 'start_issuing')).toHaveLength(2);
    expect(await after.vault.get(req.id)).toBe(h.issuer.passes()[0]);
    expect(await after.store.query({ action: 'tap.issued' })).toHaveLength(1);
  });

  it('when the instance dies after claiming a delivery, another instance may deliver only after the claim lapses', async () => {
    const before = h.instance({ instanceId: 'bot-old' });
    const req = value(await before.service.request(newRequest()));
    value(await before.service.approve(req.id, BOB, VERIFIED));
    value(await before.service.claimDelivery(req.id));
    before.store.close();

    const after = h.instance({ instanceId: 'bot-new' });
    expect(await after.service.pendingDeliveries()).toEqual([]);
    expect(await after.service.deliver(req.id, async () => ({ activityId: 'x' }))).toMatchObject({ ok: false, reason: 'delivery_in_progress' });
    h.clock.advance(61_000);
    expect((await after.service.pendingDeliveries()).map((r) => r.id)).toEqual([req.id]);
    const sent: string[] = [];
    value(await after.service.deliver(req.id, async (c) => (sent.push(c.pass), { activityId: 'activity-2' })));
    expect(sent).toHaveLength(1);
  });

  it('when marking delivered is retried with the same message id, it succeeds once and a different id is refused', async () => {
    const { service, store } = h.instance();
    const req = value(await service.request(newRequest()));
    value(await service.approve(req.id, BOB, VERIFIED));
    value(await service.markDelivered(req.id, 'activity-1'));
    expect(await service.markDelivered(req.id, 'activity-1')).toMatchObject({ ok: true });
    expect(await service.markDelivered(req.id, 'activity-2')).toMatchObject({ ok: false, reason: 'already_delivered' });
    expect(await store.query({ action: 'tap.delivered' })).toHaveLength(1);
  });

  it('when the sender proves the pass was not posted (refused on arrival), the claim is released and a later attempt delivers', async () => {
    const { service, store } = h.instance();
    const req = value(await service.request(newRequest()));
    value(await service.approve(req.id, BOB, VERIFIED));
    const failed = await service.deliver(req.id, async () => {
      throw new PassNotSent('connector 503');
    });
    expect(failed).toMatchObject({ ok: false, reason: 'delivery_failed' });
    expect((await service.pendingDeliveries()).map((r) => r.id)).toEqual([req.id]);
    expect(value(await service.deliver(req.id, async () => ({ activityId: 'a' }))).state).toBe('delivered');
    expect(await store.query({ action: 'tap.delivery_failed' })).toHaveLength(1);
  });

  it('when a send fails ambiguously (timeout, 502/504 after the request left), the pass is recorded as unconfirmed and never sent again', async () => {
    const { service, store } = h.instance();
    const req = value(await service.request(newRequest()));
    value(await service.approve(req.id, BOB, VERIFIED));
    const sent: string[] = [];
    const failed = await service.deliver(req.id, async (c) => {
      sent.push(c.pass); // it left; the answer was lost
      throw Object.assign(new Error('connector answered 504'), { statusCode: 504 });
    });

    expect(failed).toMatchObject({ ok: false, reason: 'delivery_unconfirmed' });
    expect(await service.pendingDeliveries()).toEqual([]);
    h.clock.advance(61_000);
    expect(await service.pendingDeliveries()).toEqual([]);
    expect(await service.deliver(req.id, async (c) => (sent.push(c.pass), { activityId: 'again' }))).toMatchObject({ ok: false, reason: 'delivery_unconfirmed' });
    expect(sent).toHaveLength(1);
    expect(await store.query({ action: 'tap.delivery_unconfirmed' })).toHaveLength(1);
    expect((await service.get(req.id))?.delivery?.unconfirmedAt).toBe('2025-06-02T09:00:00.000Z');
  });

  it('when the instance dies while the pass message is in flight, a restarted instance does not send it again', async () => {
    const before = h.instance({ instanceId: 'bot-old' });
    const req = value(await before.service.request(newRequest()));
    value(await before.service.approve(req.id, BOB, VERIFIED));
    const sent: string[] = [];
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((r) => (arrived = r));
    // The connector has the message; the instance dies before it hears back.
    void before.service.deliver(req.id, async (c) => {
      sent.push(c.pass);
      arrived();
      return new Promise<{ activityId: string }>(() => undefined);
    });
    await inFlight;
    before.store.close();

    const after = h.instance({ instanceId: 'bot-new' });
    expect(await after.service.deliver(req.id, async (c) => (sent.push(c.pass), { activityId: 'x' }))).toMatchObject({ ok: false, reason: 'delivery_in_progress' });
    h.clock.advance(61_000);
    const pending = await after.service.pendingDeliveries();
    for (const r of pending) await after.service.deliver(r.id, async (c) => (sent.push(c.pass), { activityId: 'dup' }));
    await after.service.deliver(req.id, async (c) => (sent.push(c.pass), { activityId: 'dup' }));

    expect(sent).toHaveLength(1);
    expect(await after.service.pendingDeliveries()).toEqual([]);
    expect(await after.store.query({ action: 'tap.delivery_unconfirmed' })).toHaveLength(1);
    expect(await after.store.query({ action: 'tap.delivered' })).toHaveLength(0);
  });
});
