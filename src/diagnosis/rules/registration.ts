/**
 * Registered methods: an Authenticator left on the phone the employee replaced (STALE_AUTHENTICATOR),
 * and ALREADY_REGISTERED (decided after the other rules, since it needs "nothing blocking").
 */
import type { Draft } from '../catalog';
import { hasUsableMfaMethod, type DiagnosisContext } from '../context';

export function registrationRules(ctx: DiagnosisContext): Draft[] {
  if (ctx.client?.changedPhone !== true || ctx.authenticators.length === 0) return [];
  return [{
    code: 'STALE_AUTHENTICATOR',
    directness: 2,
    evidence: {
      changedPhone: true,
      authenticators: ctx.authenticators.map((m) => ({
        id: m.id,
        displayName: m.displayName ?? null,
        createdDateTime: m.createdDateTime ?? null,
        ...(typeof m['phoneAppVersion'] === 'string' ? { phoneAppVersion: m['phoneAppVersion'] } : {}),
      })),
      otherUsableMethods: ctx.mfaMethods.filter((m) => !ctx.authenticators.includes(m)).map((m) => m['@odata.type']),
    },
  }];
}

/** ALREADY_REGISTERED: MFA-registered (or a usable registered method) and no blocking finding. */
export function alreadyRegistered(ctx: DiagnosisContext, anyBlocking: boolean): Draft | undefined {
  if (anyBlocking) return undefined;
  const details = ctx.directory.registrationDetails;
  const lostOnly = ctx.client?.changedPhone === true && ctx.mfaMethods.every((m) => ctx.authenticators.includes(m));
  const registered = (details?.isMfaRegistered === true && !lostOnly) || hasUsableMfaMethod(ctx, false);
  if (!registered) return undefined;
  return {
    code: 'ALREADY_REGISTERED',
    directness: 2,
    evidence: {
      isMfaRegistered: details?.isMfaRegistered ?? null,
      methodsRegistered: details?.methodsRegistered ?? ctx.mfaMethods.map((m) => m['@odata.type']),
      ...(ctx.unavailable.size ? { unavailableSources: [...ctx.unavailable] } : {}),
    },
  };
}
