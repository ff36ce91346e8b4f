import { AppError } from '../../../src/shared/errors';
import { ALICE, BOB, Harness, MALLORY, VERIFIED, newRequest, value } from './support/harness';

describe('TAP lifecycle after the decision: sweep, redaction, revocation, issuer failures', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.close());

  async function delivered() {
    const inst = h.instance();
    const req = value(await inst.service.request(newRequest()));
    value(await inst.service.approve(req.id, BOB, VERIFIED));
    value(await inst.service.markDelivered(req.id, 'activity-1'));
    return { ...inst, req };
  }

  it('when a pending request outlives its time to live, sweep expires it, audits it and frees the employee to ask again', async () => {
    const { service, store } = h.instance();
    const req = value(await service.request(newRequest()));
    expect((await service.sweep()).expired).toEqual([]);

    const report = await service.sweep(new Date(Date.parse(req.expiresAt) + 1));

    expect(report.expired).toEqual([req.id]);
    expect((await service.get(req.id))?.state).toBe('expired');
    expect(await store.query({ action: 'tap.expired' })).toHaveLength(1);
    expect(await service.request(newRequest())).toMatchObject({ ok: true });
  });

  it('when a delivered pass expires, sweep reports its message for redaction until redact() records it', async () => {
    const { service, store, req } = await delivered();
    h.clock.advance(10 * 60_000);

    const report = await service.sweep();
    expect(report.redactionDue).toEqual([{ requestId: req.id, activityId: 'activity-1', reason: 'expired' }]);
    const redacted = value(await service.redact(req.id, 'expired'));

    expect(redacted.state).toBe('redacted');
    expect(redacted.issuance?.redactedAt).toBe('2025-06-02T09:10:00.000Z');
    expect((await service.sweep()).redactionDue).toEqual([]);
    expect(await store.query({ action: 'tap.redacted' })).toHaveLength(1);
    expect(value(await service.redact(req.id)).state).toBe('redacted');
  });

  it('when the directory no longer lists a delivered pass (it was used), sweep reports it after the grace period only', async () => {
    const { service, req } = await delivered();
    h.directory.existing.delete(ALICE.aadObjectId);
    expect((await service.sweep()).redactionDue).toEqual([]);
    h.clock.advance(5 * 60_000);
    expect((await service.sweep()).redactionDue).toEqual([{ requestId: req.id, activityId: 'activity-1', reason: 'used_or_removed' }]);
  });

  it('when an issued pass expires before anyone delivered it, sweep redacts it and wipes the vault', async () => {
    const { service, vault, store } = h.instance();
    const req = value(await service.request(newRequest()));
    value(await service.approve(req.id, BOB, VERIFIED));
    h.clock.advance(10 * 60_000);

    const report = await service.sweep();

    expect(report.redactedUndelivered).toEqual([req.id]);
    expect((await service.get(req.id))?.issuance?.redactionReason).toBe('expired_before_delivery');
    expect(await store.get('tap-vault', req.id)).toBeUndefined();
    expect(await vault.get(req.id)).toBeUndefined();
    expect(await service.deliver(req.id, async () => ({ activityId: 'late' }))).toMatchObject({ ok: false, reason: 'not_issued' });
  });

  it('when an approver revokes a delivered pass, the issuer deletes it, the request is revoked and its message is due for redaction', async () => {
    const { service, store, req } = await delivered();
    expect(await service.revoke(req.id, MALLORY, 'suspicious')).toMatchObject({ ok: false, reason: 'not_authorized' });

    const revoked = value(await service.revoke(req.id, BOB, 'employee says they did not ask for it'));

    expect(revoked.state).toBe('revoked');
    expect(h.issuer.revoked).toEqual([{ userId: ALICE.aadObjectId, methodId: revoked.issuance?.tapMethodId }]);
    expect((await service.sweep()).redactionDue).toEqual([{ requestId: req.id, activityId: 'activity-1', reason: 'revoked' }]);
    expect(value(await service.redact(req.id, 'revoked')).state).toBe('revoked');
    expect((await service.sweep()).redactionDue).toEqual([]);
    expect(await store.query({ action: 'tap.revoked' })).toHaveLength(1);
    expect(await service.revoke(req.id, BOB, 'again')).toMatchObject({ ok: false, reason: 'not_revocable' });
  });

  it('when the issuer is unavailable, the request stays issuing and sweep retries after the lease; after the last attempt it fails', async () => {
    const { service, store } = h.instance();
    const req = value(await service.request(newRequest()));
    h.issuer.failures.push(new AppError('unavailable', 'graph 503'), new AppError('unavailable', 'graph 503'), new AppError('unavailable', 'graph 503'));

    expect(await service.approve(req.id, BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'issuer_unavailable', request: { state: 'issuing' } });
    h.clock.advance(121_000);
    expect((await service.sweep()).resumed).toEqual([req.id]);
    h.clock.advance(121_000);
    await service.sweep();
    expect((await service.get(req.id))?.state).toBe('issuing');
    h.clock.advance(121_000);
    await service.sweep();

    expect((await service.get(req.id))?.state).toBe('failed');
    expect(h.issuer.calls).toHaveLength(3);
    expect(await store.query({ action: 'tap.issue_failed' })).toHaveLength(1);
    expect(await service.request(newRequest())).toMatchObject({ ok: true });
  });

  it('when the issuer refuses (the backend re-check said no), the request fails at once and the rate slot is given back', async () => {
    const { service } = h.instance();
    const req = value(await service.request(newRequest()));
    h.issuer.failures.push(new AppError('refused', 'target is privileged'));

    expect(await service.approve(req.id, BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'issuer_refused', request: { state: 'failed' } });
    expect(await h.instance().store.get('tap-rate', 'tenant:tenant-1')).toMatchObject({ value: { events: [] } });
  });
});
