/**
 * DEVICE_QUOTA_REACHED self-fix: list → confirm one device → backend.deleteStaleDevice (which
 * re-checks every rule) → the list again, updated in place. Only devices from the stored
 * diagnosis can be removed; a forged id is refused before anything is called.
 */
import { renderConfirmDeviceCard } from '../cards/confirmDeviceCard';
import { renderDevicesCard } from '../cards/devicesCard';
import type { AdaptiveCard } from '../cards/renderCard';
import { fill } from '../i18n/en';
import { describeError, isAppError } from '../shared/errors';
import type { FlowState } from './state';
import { touch, type BotServices, type Turn } from './turn';

export function devicesCard(svc: BotServices, flow: FlowState, notice?: string): AdaptiveCard {
  return renderDevicesCard(svc.cards, { flowId: flow.flowId, removable: flow.devices ?? [], joined: flow.joinedDevices ?? [], notice });
}

export function showDevices(svc: BotServices, flow: FlowState): AdaptiveCard {
  touch(svc, flow, 'diagnosed');
  flow.pendingDeviceId = undefined;
  return devicesCard(svc, flow);
}

/** Returns undefined when the device is not one the employee may remove in this flow. */
export function askToRemove(svc: BotServices, flow: FlowState, deviceId: string): AdaptiveCard | undefined {
  const device = flow.devices?.find((d) => d.id === deviceId && d.status === 'pending');
  if (!device) return undefined;
  flow.pendingDeviceId = device.id;
  touch(svc, flow, 'deviceConfirm');
  return renderConfirmDeviceCard(svc.cards, { flowId: flow.flowId, device });
}

export function cancelRemove(svc: BotServices, flow: FlowState): AdaptiveCard {
  return showDevices(svc, flow);
}

/** Returns undefined when the confirmation does not match the pending device (stale or forged). */
export async function confirmRemove(svc: BotServices, turn: Turn, flow: FlowState, deviceId: string): Promise<AdaptiveCard | undefined> {
  const device = flow.devices?.find((d) => d.id === deviceId && d.status === 'pending');
  const user = turn.userAadObjectId;
  if (!device || flow.pendingDeviceId !== deviceId || !user) return undefined;
  const s = svc.cards.strings.devices;
  flow.pendingDeviceId = undefined;
  touch(svc, flow, 'diagnosed');
  try {
    const result = await svc.deps.backend.deleteStaleDevice({ user, deviceObjectId: device.id, correlationId: turn.conversationId });
    if (result.shadow) {
      // Evaluation mode: the backend checked every rule and removed nothing.
      device.status = 'refused';
      turn.log.info({ deviceObjectId: device.id }, 'stale device not removed: shadow mode');
      return devicesCard(svc, flow, fill(s.shadowNotice, { name: device.name }));
    }
    device.status = 'removed';
    turn.log.info({ deviceObjectId: device.id }, 'stale device removed by employee');
    return devicesCard(svc, flow, fill(s.removedNotice, { name: device.name }));
  } catch (e) {
    if (isAppError(e) && (e.kind === 'refused' || e.kind === 'forbidden' || e.kind === 'conflict' || e.kind === 'not_found')) {
      device.status = 'refused';
      turn.log.info({ deviceObjectId: device.id, kind: e.kind, err: describeError(e) }, 'device removal refused');
      return devicesCard(svc, flow, fill(s.refusedNotice, { name: device.name }));
    }
    if (isAppError(e) && (e.kind === 'unavailable' || e.kind === 'rate_limited')) {
      turn.log.warn({ deviceObjectId: device.id, err: describeError(e) }, 'device removal unavailable');
      return devicesCard(svc, flow, s.unavailableNotice);
    }
    throw e;
  }
}
