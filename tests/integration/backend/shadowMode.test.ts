/**
 * Evaluation (shadow) mode, enforced by the backend itself: every rule is checked, nothing is
 * written to Entra ID, and each step is audited as what it would have done.
 */
import { ApiErrorBodySchema, DeleteStaleDeviceResponseSchema } from '../../../src/backend/api';
import { ALICE, DEVICES, NOW, startStack, type Stack } from './harness';
import { ALICE as TAP_ALICE, HANK, startTapStack, type TapStack } from './tapStack';

describe('shadow mode in the backend', () => {
  describe('passes', () => {
    let stack: TapStack;
    beforeEach(async () => {
      stack = await startTapStack({ shadow: true });
    });
    afterEach(async () => {
      await stack.close();
    });

    it('when every rule holds, no pass is created, the answer says shadow_mode, and a "would issue" record is audited', async () => {
      const res = await stack.issue();

      expect(res.status).toBe(409);
      const error = ApiErrorBodySchema.parse(res.body).error;
      expect(error).toMatchObject({ code: 'refused', reason: 'shadow_mode', message: expect.stringMatching(/^Shadow mode: a pass would have been issued now/) });
      expect(stack.taps(TAP_ALICE.id)).toEqual([]);
      expect(stack.sim.stats().byPath['POST /users/{user}/authentication/{collection}'] ?? 0).toBe(0);
      expect(await stack.store.query({ action: 'tap.would_issue' })).toEqual([
        expect.objectContaining({ actor: HANK.id, subject: TAP_ALICE.id, details: expect.objectContaining({ shadow: true, reason: 'shadow_mode', lifetimeInMinutes: 60 }) }),
      ]);
      expect(await stack.store.query({ action: 'tap.created' })).toEqual([]);
    });

    it('a rule that would refuse the pass still refuses it (shadow mode shows the real decision)', async () => {
      const res = await stack.issue({ approverId: TAP_ALICE.id });

      expect(res.status).toBe(403);
      expect(ApiErrorBodySchema.parse(res.body).error.reason).toBe('self_approval');
      expect(await stack.store.query({ action: 'tap.would_issue' })).toEqual([]);
    });
  });

  describe('devices and campaign installs', () => {
    let stack: Stack;
    beforeEach(async () => {
      stack = await startStack({ shadow: true });
    });
    afterEach(async () => {
      await stack.close();
    });

    it('a stale device that would be removed stays, the answer says so, and "would delete" is audited', async () => {
      const res = await stack.post('/v1/devices/delete-stale', { user: ALICE.upn, deviceObjectId: DEVICES.staleRegistered, correlationId: 'conv-1', now: NOW });

      expect(res.status).toBe(200);
      expect(DeleteStaleDeviceResponseSchema.parse(res.body)).toEqual({ deleted: false, shadow: true, device: { id: DEVICES.staleRegistered, displayName: 'Old phone' } });
      expect(stack.audit.records).toEqual([expect.objectContaining({ action: 'device.would_delete', subject: ALICE.id, details: expect.objectContaining({ shadow: true }) })]);
      expect((await stack.gateway.getUserDevices(ALICE.upn)).devices.map((d) => d.id)).toContain(DEVICES.staleRegistered);
    });

    it('a device the rules refuse is refused as in live mode', async () => {
      const res = await stack.post('/v1/devices/delete-stale', { user: ALICE.upn, deviceObjectId: DEVICES.staleJoined, now: NOW });

      expect(res.status).toBe(409);
      expect(stack.audit.records).toEqual([expect.objectContaining({ action: 'device.delete_refused' })]);
    });

    it('a campaign install is refused: campaigns are report-only', async () => {
      const res = await stack.post('/v1/campaigns/install', { userId: ALICE.id });

      expect(res.status).toBe(409);
      expect(ApiErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'refused', reason: 'shadow_mode' });
    });
  });
});
