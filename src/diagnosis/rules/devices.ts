/**
 * Device quota (findings.md Definitions): the user's devices (deduplicated by id) against
 * deviceRegistrationPolicy.userDeviceQuota (default 50). Stale = no sign-in for 90 days
 * (approximateLastSignInDateTime, or registrationDateTime when never signed in). Registered
 * (trustType Workplace) devices the employee may remove; joined (AzureAd/ServerAd) only the helpdesk.
 */
import type { Draft } from '../catalog';
import type { DiagnosisContext } from '../context';
import type { Device } from '../facts';

const DAY = 86_400_000;
export const DEFAULT_USER_DEVICE_QUOTA = 50;
const JOINED = new Set(['azuread', 'serverad']);

interface DeviceView {
  id: string;
  displayName: string | null;
  trustType: string | null;
  lastSignIn: string | null;
  kind: 'registered' | 'joined' | 'unknown';
  removableBy: 'self' | 'helpdesk';
  lastSeenMs: number;
}

function view(d: Device): DeviceView {
  const lastText = d.approximateLastSignInDateTime ?? d.registrationDateTime ?? null;
  const lastSeenMs = lastText ? Date.parse(lastText) : NaN;
  const trust = (d.trustType ?? '').toLowerCase();
  const kind = trust === 'workplace' ? 'registered' : JOINED.has(trust) ? 'joined' : 'unknown';
  return {
    id: d.id,
    displayName: d.displayName ?? null,
    trustType: d.trustType ?? null,
    lastSignIn: d.approximateLastSignInDateTime ?? null,
    kind,
    removableBy: kind === 'registered' ? 'self' : 'helpdesk',
    lastSeenMs,
  };
}

export function deviceRules(ctx: DiagnosisContext): Draft[] {
  const devices = ctx.directory.devices;
  if (devices === null) return [];
  const unique = new Map<string, Device>();
  for (const d of devices) if (!unique.has(d.id)) unique.set(d.id, d);
  const count = unique.size;
  const quota = ctx.directory.deviceRegistrationPolicy?.userDeviceQuota ?? DEFAULT_USER_DEVICE_QUOTA;
  const reached = count >= quota;
  const near = !reached && quota > 0 && count >= quota * ctx.settings.quotaWarnFraction - 1e-9;
  if (!reached && !near) return [];

  const staleBefore = ctx.now - ctx.settings.staleDeviceDays * DAY;
  const stale = [...unique.values()]
    .map(view)
    .filter((v) => Number.isFinite(v.lastSeenMs) && v.lastSeenMs < staleBefore)
    .sort((a, b) => a.lastSeenMs - b.lastSeenMs);
  const removable = stale.filter((s) => s.removableBy === 'self').length;
  const evidence = {
    count,
    quota,
    ...(ctx.directory.deviceRegistrationPolicy?.userDeviceQuota === undefined ? { quotaSource: 'default' } : {}),
    staleAfterDays: ctx.settings.staleDeviceDays,
    staleDevices: stale.map(({ lastSeenMs: _ms, ...rest }) => rest),
    removableBySelf: removable,
    removableByHelpdesk: stale.length - removable,
  };
  return [{
    code: reached ? 'DEVICE_QUOTA_REACHED' : 'DEVICE_QUOTA_NEAR',
    directness: 2,
    evidence,
    vars: { removableDevices: removable, helpdeskDevices: stale.length - removable },
  }];
}
