import { ALICE, BOB, CAROL, Harness, MALLORY, TENANT, VERIFIED, newRequest, value } from './support/harness';

describe('TAP approval rules (service on a real SQLite file)', () => {
  let h: Harness;
  afterEach(() => h.close());

  describe('with the default policy', () => {
    beforeEach(() => {
      h = new Harness();
    });

    it('when an approver approves a verified request, one one-time pass of the shortest allowed lifetime is issued and waits in the vault', async () => {
      const { service, vault } = h.instance();
      const req = value(await service.request(newRequest()));
      expect(req.state).toBe('pending');

      const approved = value(await service.approve(req.id, BOB, VERIFIED));

      expect(approved.state).toBe('issued');
      expect(approved.decision).toMatchObject({ outcome: 'approved', by: BOB, verification: VERIFIED });
      expect(approved.issuance).toMatchObject({ lifetimeInMinutes: 10, isUsableOnce: true, expiresAt: '2025-06-02T09:10:00.000Z' });
      expect(h.issuer.calls).toEqual([
        { requestId: req.id, targetUserId: ALICE.aadObjectId, approverId: BOB.aadObjectId, lifetimeMinutes: 10, isUsableOnce: true, replaceExisting: false, verification: VERIFIED },
      ]);
      expect(h.directory.groupsAsked).toContain('group-approvers');
      expect(await vault.get(req.id)).toBe(h.issuer.passes()[0]);
      expect(approved.history.map((e) => `${e.from}>${e.to}`)).toEqual(['pending>pending', 'pending>approved', 'approved>issuing', 'issuing>issued']);
      expect(await service.pendingDeliveries()).toHaveLength(1);
    });

    it('when the approver is the requester, the approval is refused and nothing is issued', async () => {
      const { service } = h.instance();
      h.directory.approvers.add(ALICE.aadObjectId);
      const req = value(await service.request(newRequest()));

      const r = await service.approve(req.id, { aadObjectId: ALICE.aadObjectId }, VERIFIED);

      expect(r).toMatchObject({ ok: false, reason: 'self_approval' });
      expect(h.issuer.calls).toHaveLength(0);
      expect((await service.get(req.id))?.state).toBe('pending');
    });

    it('when the approver is not in the approvers group, the approval is refused', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      expect(await service.approve(req.id, MALLORY, VERIFIED)).toMatchObject({ ok: false, reason: 'not_approver' });
      expect(await service.deny(req.id, MALLORY, 'no')).toMatchObject({ ok: false, reason: 'not_approver' });
      expect(h.issuer.calls).toHaveLength(0);
    });

    it('when the request is past its time to live, approving it is refused and it becomes expired', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      h.clock.advance(60 * 60_000);

      const r = await service.approve(req.id, BOB, VERIFIED);

      expect(r).toMatchObject({ ok: false, reason: 'expired', request: { state: 'expired' } });
      expect(h.issuer.calls).toHaveLength(0);
    });

    it('when the target holds a privileged role, both the request and a later approval are refused', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      h.directory.privileged.add(ALICE.aadObjectId);

      expect(await service.approve(req.id, BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'privileged_target' });
      expect(await service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-admin' } }))).toMatchObject({ ok: true });
      h.directory.privileged.add('user-admin2');
      expect(await service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-admin2' } }))).toMatchObject({ ok: false, reason: 'privileged_target' });
      expect(h.issuer.calls).toHaveLength(0);
    });

    it('when the TAP policy does not allow a pass for the user, request and approval are refused', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      h.directory.policies.set(ALICE.aadObjectId, { ...h.directory.defaultPolicy, allowed: false, reason: 'outside the TAP targets' });

      expect(await service.approve(req.id, BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'tap_not_allowed' });
      expect(await service.request(newRequest({ requester: ALICE }))).toMatchObject({ ok: false, reason: 'tap_not_allowed', message: 'outside the TAP targets' });
    });

    it('when the employee already has a usable pass, approval is refused unless the approver explicitly replaces it', async () => {
      const { service } = h.instance();
      h.directory.existing.set(ALICE.aadObjectId, { methodId: 'old-tap' });
      const req = value(await service.request(newRequest()));
      expect(req.riskSignals.map((s) => s.code)).toContain('existing_tap');

      const refused = await service.approve(req.id, BOB, VERIFIED);
      expect(refused).toMatchObject({ ok: false, reason: 'existing_tap', details: { existingMethodId: 'old-tap' } });
      expect(h.issuer.calls).toHaveLength(0);

      const replaced = value(await service.approve(req.id, BOB, VERIFIED, { replaceExisting: true }));
      expect(replaced.state).toBe('issued');
      expect(replaced.decision).toMatchObject({ replaceExisting: true, replacedMethodId: 'old-tap' });
      expect(h.issuer.calls[0]?.replaceExisting).toBe(true);
    });

    it('when the approver records no or an unknown verification method or an empty note, approval is refused', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      for (const v of [undefined, {}, { method: 'teams_chat', note: 'he said so in chat' }, { method: 'in_person', note: '   ' }]) {
        expect(await service.approve(req.id, BOB, v)).toMatchObject({ ok: false, reason: 'verification_missing' });
      }
      expect(h.issuer.calls).toHaveLength(0);
    });

    it('when an approver denies, the request is denied, a later approval reports already_decided, and the employee may ask again', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      expect(await service.request(newRequest())).toMatchObject({ ok: false, reason: 'already_requested', request: { id: req.id } });

      value(await service.deny(req.id, BOB, 'caller could not answer the verification questions'));

      expect(await service.approve(req.id, CAROL, VERIFIED)).toMatchObject({ ok: false, reason: 'already_decided', request: { state: 'denied' } });
      expect(await service.request(newRequest())).toMatchObject({ ok: true });
    });

    it('when an approver asks for information, the request stays pending with the question in its history', async () => {
      const { service, notices } = h.instance();
      const req = value(await service.request(newRequest()));
      const asked = value(await service.askForInfo(req.id, BOB, 'Which laptop are you on?'));
      expect(asked.state).toBe('pending');
      expect(asked.history.at(-1)).toMatchObject({ event: 'ask_info', note: 'Which laptop are you on?' });
      expect(notices.map((n) => n.kind)).toEqual(['requested', 'info_requested']);
    });
  });

  it('when approvals exceed the per-approver limit, the next one is refused as rate_limited, and another approver may still approve', async () => {
    h = new Harness({ rateLimits: { perApproverPerWindow: 2, perTenantPerWindow: 50, windowMinutes: 60 } });
    const { service } = h.instance();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(value(await service.request(newRequest({ requester: { ...ALICE, aadObjectId: `user-${i}` } }))).id);

    value(await service.approve(ids[0] ?? '', BOB, VERIFIED));
    value(await service.approve(ids[1] ?? '', BOB, VERIFIED));
    const third = await service.approve(ids[2] ?? '', BOB, VERIFIED);

    expect(third).toMatchObject({ ok: false, reason: 'rate_limited', details: { scope: `approver:${TENANT}:${BOB.aadObjectId}`, limit: 2 } });
    expect((await service.get(ids[2] ?? ''))?.state).toBe('pending');
    expect(await service.approve(ids[2] ?? '', CAROL, VERIFIED)).toMatchObject({ ok: true });
  });

  it('when approvals exceed the per-tenant limit, every approver is refused until the window slides', async () => {
    h = new Harness({ rateLimits: { perApproverPerWindow: 10, perTenantPerWindow: 2, windowMinutes: 60 } });
    const { service } = h.instance();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(value(await service.request(newRequest({ requester: { ...ALICE, aadObjectId: `user-${i}` } }))).id);
    value(await service.approve(ids[0] ?? '', BOB, VERIFIED));
    value(await service.approve(ids[1] ?? '', CAROL, VERIFIED));

    expect(await service.approve(ids[2] ?? '', BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'rate_limited', details: { scope: `tenant:${TENANT}` } });
    h.clock.advance(30 * 60_000);
    expect(await service.approve(ids[2] ?? '', CAROL, VERIFIED)).toMatchObject({ ok: false, reason: 'rate_limited' });
    h.clock.advance(31 * 60_000); // 61 min: both earlier approvals left the window
    const fresh = value(await service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-3' } })));
    expect(await service.approve(fresh.id, CAROL, VERIFIED)).toMatchObject({ ok: true });
  });

  it('when the limit was reached before a restart, a new instance on the same store still enforces it', async () => {
    h = new Harness({ rateLimits: { perApproverPerWindow: 1, perTenantPerWindow: 50, windowMinutes: 60 } });
    const first = h.instance();
    const a = value(await first.service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-a' } })));
    const b = value(await first.service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-b' } })));
    value(await first.service.approve(a.id, BOB, VERIFIED));
    first.store.close();

    const second = h.instance();
    expect(await second.service.approve(b.id, BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'rate_limited' });
    h.clock.advance(61 * 60_000);
    const c = value(await second.service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-c' } })));
    expect(await second.service.approve(c.id, BOB, VERIFIED)).toMatchObject({ ok: true });
  });

  describe('when manager confirmation is required', () => {
    beforeEach(() => {
      h = new Harness({ requireManagerConfirmation: true });
      h.directory.managers.set(ALICE.aadObjectId, CAROL);
    });

    it('an approval before the manager confirmed is refused as manager_confirmation_required', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      expect(req.state).toBe('awaiting_manager');
      expect(await service.approve(req.id, BOB, VERIFIED)).toMatchObject({ ok: false, reason: 'manager_confirmation_required' });
      expect(h.issuer.calls).toHaveLength(0);
    });

    it('only the directory manager can confirm, and after that a different approver can approve', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      expect(await service.confirmByManager(req.id, BOB, 'confirmed')).toMatchObject({ ok: false, reason: 'not_manager' });
      value(await service.confirmByManager(req.id, CAROL, 'confirmed', 'yes, she called me'));

      expect(await service.approve(req.id, CAROL, VERIFIED)).toMatchObject({ ok: false, reason: 'separation_of_duties' });
      expect(value(await service.approve(req.id, BOB, VERIFIED)).state).toBe('issued');
    });

    it('a manager who declines denies the request', async () => {
      const { service } = h.instance();
      const req = value(await service.request(newRequest()));
      expect(value(await service.confirmByManager(req.id, CAROL, 'declined')).state).toBe('denied');
    });

    it('a request for an employee without a manager is refused as manager_unavailable', async () => {
      const { service } = h.instance();
      const r = await service.request(newRequest({ requester: { ...ALICE, aadObjectId: 'user-orphan' } }));
      expect(r).toMatchObject({ ok: false, reason: 'manager_unavailable' });
    });
  });
});
