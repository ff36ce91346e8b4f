/** Helpers shared by the Graph handlers. */
import { findUser, type JsonObject, type SimUser } from '../../types';
import { notFound, type GraphContext } from '../types';

export function requireUser(ctx: GraphContext, key: string | undefined): SimUser {
  const user = key === undefined ? undefined : findUser(ctx.tenant, key);
  if (!user) throw notFound(key ?? '');
  return user;
}

export function hasRole(roles: readonly string[], ...wanted: string[]): boolean {
  return wanted.some((w) => roles.includes(w));
}

/** Strip keys starting with "@sim." (simulator-only extension flags). */
export function publicView(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (!k.startsWith('@sim.')) out[k] = v;
  return out;
}
