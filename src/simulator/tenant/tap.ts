/**
 * Temporary Access Pass rules (entra-graph.md §3): usability from the clock, the one-time-used
 * extension flag (`@sim.used`), and pass generation.
 */
import { randomInt } from 'node:crypto';
import type { JsonObject, SimTenant, SimUser } from '../types';
import { methodConfiguration, type Membership } from './membership';

export const TAP_TYPE = '#microsoft.graph.temporaryAccessPassAuthenticationMethod';
export const USED_FLAG = '@sim.used';

const CHARSET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+!@#$%&*?=-';

export function generatePass(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CHARSET.charAt(randomInt(CHARSET.length));
  return out;
}

export type Usability = 'EnabledByPolicy' | 'DisabledByPolicy' | 'Expired' | 'NotYetValid' | 'OneTimeUsed';

export function tapUsability(tenant: SimTenant, membership: Membership, user: SimUser, tap: JsonObject, now: Date): Usability {
  const startText = typeof tap.startDateTime === 'string' ? tap.startDateTime : typeof tap.createdDateTime === 'string' ? tap.createdDateTime : undefined;
  const start = startText === undefined ? now.getTime() : Date.parse(startText);
  const lifetime = typeof tap.lifetimeInMinutes === 'number' ? tap.lifetimeInMinutes : 60;
  if (now.getTime() >= start + lifetime * 60_000) return 'Expired';
  if (now.getTime() < start) return 'NotYetValid';
  // A one-time pass is spent when the simulator marked it used, or when the fixture recorded it in
  // Graph's own shape (methodUsabilityReason "OneTimeUsed"): a fixture behaves as Graph would.
  const used = tap[USED_FLAG] === true || tap.methodUsabilityReason === 'OneTimeUsed';
  if (tap.isUsableOnce === true && used) return 'OneTimeUsed';
  if (!membership.isAllowed(user, methodConfiguration(tenant, 'TemporaryAccessPass'))) return 'DisabledByPolicy';
  return 'EnabledByPolicy';
}

/** The TAP as Graph serves it on reads: pass null, usability computed, extension flag hidden. */
export function tapView(tenant: SimTenant, membership: Membership, user: SimUser, tap: JsonObject, now: Date): JsonObject {
  const reason = tapUsability(tenant, membership, user, tap, now);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(tap)) if (k !== USED_FLAG) out[k] = v;
  out.temporaryAccessPass = null;
  out.isUsable = reason === 'EnabledByPolicy';
  out.methodUsabilityReason = reason;
  return out;
}
