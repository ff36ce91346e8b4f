/** Single Graph operations outside gatherFacts: devices, group checks and Temporary Access Passes. */
import { z } from 'zod';
import { AuthMethodSchema, DeviceSchema, GraphUserSchema } from '../../diagnosis/facts';
import { AppError } from '../../shared/errors';
import { GraphRequestError, GraphUnavailableError, UserNotFoundError } from './errors';
import type { IssuedTap, TapRequest, UserDevices } from './gateway';
import { graphErrorCode, isOk, parseCollection, parseEntity } from './parse';
import { urls } from './requests';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphReply } from './transport';

const TRANSIENT = (s: number) => s === 429 || s >= 500;

function graphMessage(reply: GraphReply): string {
  const body = reply.body as { error?: { message?: unknown } } | null;
  const m = body && typeof body === 'object' ? body.error?.message : undefined;
  return typeof m === 'string' ? m : `Graph answered ${reply.status}`;
}

/** Throws the typed error for a failed reply. */
function fail(what: string, reply: GraphReply, userRef?: string): never {
  if (reply.status === 404 && userRef !== undefined) throw new UserNotFoundError(userRef);
  if (TRANSIENT(reply.status)) throw new GraphUnavailableError(`Graph kept failing (${reply.status}) on ${what}`, { status: reply.status });
  throw new GraphRequestError(`Graph refused ${what} (${reply.status} ${graphErrorCode(reply)})`, reply.status, graphErrorCode(reply));
}

export async function getUserDevices(executor: GraphExecutor, userRef: string): Promise<UserDevices> {
  const replies = await executor.batch(
    [
      { id: 'user', method: 'GET', url: urls.user(userRef) },
      { id: 'registered', method: 'GET', url: urls.registeredDevices(userRef) },
      { id: 'owned', method: 'GET', url: urls.ownedDevices(userRef) },
    ],
    newMeter(),
  );
  const userReply = replies.get('user') ?? { status: 502, headers: {}, body: null };
  if (!isOk(userReply)) fail('reading the user', userReply, userRef);
  const user = parseEntity(GraphUserSchema, userReply);
  if (!user.ok) throw new GraphRequestError(`unexpected user shape (${user.problem})`, 200, 'invalid_response');
  const devices = new Map<string, z.infer<typeof DeviceSchema>>();
  for (const id of ['registered', 'owned']) {
    const reply = replies.get(id) ?? { status: 502, headers: {}, body: null };
    if (!isOk(reply)) fail('reading the user\'s devices', reply);
    for (const d of parseCollection(DeviceSchema, reply)?.items ?? []) if (!devices.has(d.id)) devices.set(d.id, d);
  }
  const { id, userPrincipalName, displayName } = user.value;
  return { user: { id, userPrincipalName, displayName }, devices: [...devices.values()] };
}

export async function deleteDevice(executor: GraphExecutor, objectId: string): Promise<void> {
  const reply = await executor.send({ id: 'delete', method: 'DELETE', url: urls.device(objectId) }, newMeter());
  if (reply.status === 404) throw new AppError('not_found', `No device ${objectId}`, { details: { objectId } });
  if (!isOk(reply)) fail('deleting the device', reply);
}

const StringList = z.object({ value: z.array(z.string()) }).passthrough();

export async function checkMemberGroups(executor: GraphExecutor, userId: string, groupIds: string[]): Promise<string[]> {
  const matched: string[] = [];
  for (let i = 0; i < groupIds.length; i += 20) {
    const chunk = groupIds.slice(i, i + 20);
    const reply = await executor.send({ id: 'cmg', method: 'POST', url: urls.checkMemberGroups(userId), body: { groupIds: chunk } }, newMeter());
    if (!isOk(reply)) fail('the group membership check', reply, userId);
    const parsed = parseEntity(StringList, reply);
    if (!parsed.ok) throw new GraphRequestError(`unexpected checkMemberGroups shape (${parsed.problem})`, reply.status, 'invalid_response');
    matched.push(...parsed.value.value.filter((g) => chunk.includes(g)));
  }
  return matched;
}

const IssuedTapSchema = AuthMethodSchema.extend({ temporaryAccessPass: z.string().min(1) }).passthrough();

export async function createTap(executor: GraphExecutor, userId: string, request: TapRequest): Promise<IssuedTap> {
  const reply = await executor.send({ id: 'tap', method: 'POST', url: urls.taps(userId), body: request }, newMeter());
  if (reply.status === 400) {
    // Policy refusals (lifetime range, TAP disabled / out of scope, guest): Graph's message says why.
    throw new AppError('refused', graphMessage(reply), { details: { status: 400, code: graphErrorCode(reply) } });
  }
  if (!isOk(reply)) fail('creating a Temporary Access Pass', reply, userId);
  const parsed = parseEntity(IssuedTapSchema, reply);
  if (!parsed.ok) throw new GraphRequestError(`unexpected TAP shape (${parsed.problem})`, reply.status, 'invalid_response');
  return parsed.value as IssuedTap;
}

export async function listTaps(executor: GraphExecutor, userId: string) {
  const reply = await executor.send({ id: 'taps', method: 'GET', url: urls.taps(userId) }, newMeter());
  if (!isOk(reply)) fail('listing Temporary Access Passes', reply, userId);
  return parseCollection(AuthMethodSchema, reply)?.items ?? [];
}

export async function deleteTap(executor: GraphExecutor, userId: string, tapId: string): Promise<boolean> {
  const reply = await executor.send({ id: 'tapdel', method: 'DELETE', url: urls.tap(userId, tapId) }, newMeter());
  if (reply.status === 404) return false;
  if (!isOk(reply)) fail('deleting a Temporary Access Pass', reply);
  return true;
}
