/**
 * Self-service removal of one stale *registered* device. The backend trusts nothing the caller
 * says: it re-reads the user's devices and re-checks every rule before deleting.
 */
import type { Config } from '../../config';
import type { Device } from '../../diagnosis/facts';
import type { Clock } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { AuditLog } from '../../storage/types';
import type { DeleteStaleDeviceRequest, DeleteStaleDeviceResponse } from '../api';
import type { DirectoryGateway } from '../graph/gateway';
import { evaluationTime } from './diagnoseService';

export interface DeviceServiceDeps {
  gateway: DirectoryGateway;
  clock: Clock;
  config: Pick<Config, 'diagnosis'> & Partial<Pick<Config, 'evaluation'>> & { backend: Pick<Config['backend'], 'allowTimeTravel'> };
  logger: Logger;
  audit?: AuditLog;
}

const DAY_MS = 24 * 3600 * 1000;

/** Why a device may not be removed by the employee, or undefined when it may. */
export function refusalReason(device: Device | undefined, now: Date, staleDeviceDays: number): string | undefined {
  if (!device) return 'the device is not registered to this user';
  if (device.trustType !== 'Workplace') {
    return `the device is ${device.trustType ?? 'of unknown trust type'}, not a registered (Workplace) device: joined devices hold BitLocker keys, so only the helpdesk removes them`;
  }
  const lastUsed = device.approximateLastSignInDateTime ?? device.registrationDateTime ?? null;
  const at = lastUsed ? Date.parse(lastUsed) : NaN;
  if (!Number.isFinite(at)) return 'the device has no sign-in or registration time, so it cannot be shown to be stale';
  const days = Math.floor((now.getTime() - at) / DAY_MS);
  if (days < staleDeviceDays) return `the device was used ${days === 0 ? 'less than a day' : `${days} day(s)`} ago; only devices unused for ${staleDeviceDays} days or more can be removed`;
  return undefined;
}

export function createDeviceService(deps: DeviceServiceDeps) {
  return {
    async deleteStale(request: DeleteStaleDeviceRequest, context: { requestId?: string; caller?: string } = {}): Promise<DeleteStaleDeviceResponse> {
      const now = evaluationTime(request.now, deps.config.backend.allowTimeTravel, deps.clock);
      const { user, devices } = await deps.gateway.getUserDevices(request.user);
      const device = devices.find((d) => d.id === request.deviceObjectId);
      const reason = refusalReason(device, now, deps.config.diagnosis.staleDeviceDays);
      const audit = async (action: string, details: Record<string, unknown>) => {
        if (!deps.audit) return;
        await deps.audit.append({
          at: deps.clock.now().toISOString(),
          action,
          actor: context.caller ?? 'system',
          subject: user.id,
          details: { deviceObjectId: request.deviceObjectId, ...details },
          ...(request.correlationId ? { correlationId: request.correlationId } : context.requestId ? { correlationId: context.requestId } : {}),
        });
      };
      const summary = device
        ? { displayName: device.displayName ?? null, trustType: device.trustType ?? null, lastSignIn: device.approximateLastSignInDateTime ?? null }
        : {};
      if (reason) {
        await audit('device.delete_refused', { ...summary, reason });
        deps.logger.info({ requestId: context.requestId, userId: user.id, deviceObjectId: request.deviceObjectId, reason }, 'device delete refused');
        throw new AppError('refused', `Device not removed: ${reason}`, { details: { deviceObjectId: request.deviceObjectId } });
      }
      if (deps.config.evaluation?.shadow) {
        // Evaluation mode: every rule passed; the removal is recorded as what would have happened.
        await audit('device.would_delete', { ...summary, shadow: true });
        deps.logger.info({ requestId: context.requestId, userId: user.id, deviceObjectId: request.deviceObjectId }, 'stale device not deleted: shadow mode');
        return { deleted: false, shadow: true, device: { id: request.deviceObjectId, displayName: device?.displayName ?? null } };
      }
      await deps.gateway.deleteDevice(request.deviceObjectId);
      await audit('device.deleted', summary);
      deps.logger.info({ requestId: context.requestId, userId: user.id, deviceObjectId: request.deviceObjectId }, 'stale device deleted');
      return { deleted: true, device: { id: request.deviceObjectId, displayName: device?.displayName ?? null } };
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
