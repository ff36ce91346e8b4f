import { ApiErrorBodySchema, DeleteStaleDeviceResponseSchema } from '../../../src/backend/api';
import { createBackendClient } from '../../../src/backend/client';
import { ALICE, BOB, DEVICES, LOCAL_KEY, NOW, startStack, type Stack } from './harness';

describe('POST /v1/devices/delete-stale', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  const del = (deviceObjectId: string, user = ALICE.upn) =>
    stack.post('/v1/devices/delete-stale', { user, deviceObjectId, correlationId: 'conv-1', now: NOW });

  it('when the device is joined (AzureAd), removal is refused because it holds BitLocker keys, and the refusal is audited', async () => {
    const res = await del(DEVICES.staleJoined);

    expect(res.status).toBe(409);
    const body = ApiErrorBodySchema.parse(res.body);
    expect(body.error.code).toBe('refused');
    expect(body.error.message).toMatch(/BitLocker/);
    expect(stack.audit.records).toEqual([expect.objectContaining({ action: 'device.delete_refused', subject: ALICE.id, correlationId: 'conv-1' })]);
    expect((await stack.gateway.getUserDevices(ALICE.id)).devices.map((d) => d.id)).toContain(DEVICES.staleJoined);
  });

  it('when the registered device was used recently, removal is refused', async () => {
    const res = await del(DEVICES.freshRegistered);

    expect(res.status).toBe(409);
    expect(ApiErrorBodySchema.parse(res.body).error.message).toMatch(/used less than a day ago/);
  });

  it('when the device belongs to someone else, removal is refused', async () => {
    const res = await del(DEVICES.staleRegistered, BOB.upn);

    expect(res.status).toBe(409);
    expect(ApiErrorBodySchema.parse(res.body).error.message).toMatch(/not registered to this user/);
  });

  it('when a registered device is stale, it is deleted, audited, and gone on the next read', async () => {
    const res = await del(DEVICES.staleRegistered);

    expect(res.status).toBe(200);
    expect(DeleteStaleDeviceResponseSchema.parse(res.body)).toEqual({ deleted: true, device: { id: DEVICES.staleRegistered, displayName: 'Old phone' } });
    expect(stack.audit.records).toEqual([
      expect.objectContaining({ action: 'device.deleted', actor: 'local', subject: ALICE.id, details: expect.objectContaining({ deviceObjectId: DEVICES.staleRegistered }) }),
    ]);
    const after = await stack.gateway.getUserDevices(ALICE.upn);
    expect(after.devices.map((d) => d.id)).not.toContain(DEVICES.staleRegistered);
    const again = await del(DEVICES.staleRegistered);
    expect(again.status).toBe(409);
  });

  it('the typed client maps a refusal to an expected refused AppError', async () => {
    const client = createBackendClient({ baseUrl: stack.url, getToken: async () => LOCAL_KEY, timeoutMs: 10_000 });

    await expect(client.deleteStaleDevice({ user: ALICE.upn, deviceObjectId: DEVICES.staleJoined, now: NOW })).rejects.toMatchObject({ kind: 'refused', expected: true });
  });

  it('when the user is unknown, the answer is 404 user_not_found', async () => {
    const res = await del(DEVICES.staleRegistered, 'ghost@fabrikam.example');

    expect(res.status).toBe(404);
    expect(ApiErrorBodySchema.parse(res.body).error.code).toBe('user_not_found');
  });
});
