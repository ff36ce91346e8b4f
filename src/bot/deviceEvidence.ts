/**
 * The stale devices listed in a DEVICE_QUOTA_REACHED finding's evidence (diagnosis/rules/devices.ts:
 * `staleDevices: [{ id, displayName, trustType, lastSignIn, kind, removableBy }]`). Registered
 * (Workplace) devices the employee may remove; joined ones are for the helpdesk (BitLocker keys).
 */
import { z } from 'zod';
import type { Finding } from '../diagnosis/types';
import type { DeviceState } from './state';

const StaleDeviceSchema = z
  .object({
    id: z.string().min(1).max(100),
    displayName: z.string().nullable().optional(),
    trustType: z.string().nullable().optional(),
    operatingSystem: z.string().nullable().optional(),
    lastSignIn: z.string().nullable().optional(),
    approximateLastSignInDateTime: z.string().nullable().optional(),
    kind: z.string().optional(),
    removableBy: z.string().optional(),
  })
  .passthrough();

export interface DeviceLists {
  removable: DeviceState[];
  joined: Array<{ name: string }>;
}

function selfRemovable(d: z.infer<typeof StaleDeviceSchema>): boolean {
  if (d.removableBy !== undefined) return d.removableBy === 'self';
  return (d.trustType ?? '').toLowerCase() === 'workplace';
}

export function devicesFromFindings(findings: readonly Finding[]): DeviceLists {
  const quota = findings.find((f) => f.code === 'DEVICE_QUOTA_REACHED');
  const raw = quota?.evidence['staleDevices'];
  const lists: DeviceLists = { removable: [], joined: [] };
  if (!Array.isArray(raw)) return lists;
  for (const item of raw.slice(0, 50)) {
    const parsed = StaleDeviceSchema.safeParse(item);
    if (!parsed.success) continue;
    const d = parsed.data;
    const name = d.displayName || d.id;
    if (selfRemovable(d)) {
      const lastUsed = d.lastSignIn ?? d.approximateLastSignInDateTime ?? undefined;
      lists.removable.push({ id: d.id, name, os: d.operatingSystem ?? undefined, lastUsed, status: 'pending' });
    } else {
      lists.joined.push({ name });
    }
  }
  return lists;
}
