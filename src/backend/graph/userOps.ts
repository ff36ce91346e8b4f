/** Single Graph operations on one user for the TAP and risk-profile services (reads + session revocation). */
import { z } from 'zod';
import { AuthMethodSchema, GraphUserSchema, type AuthMethod, type GraphUser } from '../../diagnosis/facts';
import { GraphRequestError, GraphUnavailableError, UserNotFoundError } from './errors';
import type { DirectoryManager } from './gateway';
import { graphErrorCode, isOk, parseCollection, parseEntity } from './parse';
import { urls } from './requests';
import { newMeter, type GraphExecutor } from './retry';
import type { GraphReply } from './transport';

const TRANSIENT = (s: number) => s === 429 || s >= 500;

function fail(what: string, reply: GraphReply, userRef: string): never {
  if (reply.status === 404) throw new UserNotFoundError(userRef);
  if (TRANSIENT(reply.status)) throw new GraphUnavailableError(`Graph kept failing (${reply.status}) on ${what}`, { status: reply.status });
  throw new GraphRequestError(`Graph refused ${what} (${reply.status} ${graphErrorCode(reply)})`, reply.status, graphErrorCode(reply));
}

export async function getUser(executor: GraphExecutor, userRef: string): Promise<GraphUser> {
  const reply = await executor.send({ id: 'user', method: 'GET', url: urls.user(userRef) }, newMeter());
  if (!isOk(reply)) fail('reading the user', reply, userRef);
  const parsed = parseEntity(GraphUserSchema, reply);
  if (!parsed.ok) throw new GraphRequestError(`unexpected user shape (${parsed.problem})`, reply.status, 'invalid_response');
  return parsed.value;
}

const ManagerSchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullable().optional(),
    userPrincipalName: z.string().nullable().optional(),
    businessPhones: z.array(z.string()).nullable().optional(),
    mobilePhone: z.string().nullable().optional(),
  })
  .passthrough();

export async function getManager(executor: GraphExecutor, userRef: string): Promise<DirectoryManager | undefined> {
  const reply = await executor.send({ id: 'manager', method: 'GET', url: urls.manager(userRef) }, newMeter());
  // 404 is "no manager" when the user exists; callers read the user first.
  if (reply.status === 404) return undefined;
  if (!isOk(reply)) fail("reading the user's manager", reply, userRef);
  const parsed = parseEntity(ManagerSchema, reply);
  if (!parsed.ok) throw new GraphRequestError(`unexpected manager shape (${parsed.problem})`, reply.status, 'invalid_response');
  const { id, displayName, userPrincipalName, businessPhones, mobilePhone } = parsed.value;
  return { id, displayName, userPrincipalName, businessPhones, mobilePhone };
}

export async function listAuthenticationMethods(executor: GraphExecutor, userRef: string): Promise<AuthMethod[]> {
  const reply = await executor.send({ id: 'methods', method: 'GET', url: urls.methods(userRef) }, newMeter());
  if (!isOk(reply)) fail('listing authentication methods', reply, userRef);
  const page = parseCollection(AuthMethodSchema, reply);
  if (!page) throw new GraphRequestError('unexpected authentication methods shape (no value array)', reply.status, 'invalid_response');
  return page.items;
}

export async function revokeSignInSessions(executor: GraphExecutor, userRef: string): Promise<void> {
  const reply = await executor.send({ id: 'revoke', method: 'POST', url: urls.revokeSignInSessions(userRef), body: {} }, newMeter());
  if (!isOk(reply)) fail("revoking the user's sign-in sessions", reply, userRef);
}
