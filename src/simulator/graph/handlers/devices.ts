/** GET /users/{id}/registeredDevices|ownedDevices, GET and DELETE /devices/{id} (§5). */
import type { JsonObject } from '../../types';
import { DEVICE } from '../entities';
import { evaluate, parseFilter } from '../filter';
import { applySelect, contextUrl, pageOf, parseSelect, queryOption, selectContext } from '../odata';
import { anyOf, noContent, ok, type Route } from '../route';
import { badRequest, notFound, type GraphContext, type GraphRequest } from '../types';
import { requireUser } from './common';

const LIST_ROLES = anyOf('User.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Device.Read.All', 'Device.ReadWrite.All');
const DEVICE_READ = anyOf('Device.Read.All', 'Device.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All');
// Microsoft's device-delete page lists only Device.ReadWrite.All for apps: Directory.ReadWrite.All does not delete.
const DEVICE_WRITE = anyOf('Device.ReadWrite.All');

function listDevices(ctx: GraphContext, req: GraphRequest, userKey: string | undefined, which: 'registered' | 'owned', cast?: string): JsonObject {
  if (cast !== undefined && cast.toLowerCase() !== 'microsoft.graph.device') throw badRequest(`Resource not found for the segment '${cast}'.`);
  const user = requireUser(ctx, userKey);
  const ids = which === 'registered' ? user.registeredDeviceIds : user.ownedDeviceIds;
  let items = ids.map((id) => ctx.tenant.devices.get(id)).filter((d): d is JsonObject => d !== undefined);
  const filter = queryOption(req, 'filter');
  if (filter !== undefined) {
    const expr = parseFilter(filter, (p) => DEVICE.known.has(p) || items.some((d) => p in d), DEVICE.name);
    items = items.filter((d) => evaluate(expr, d));
  }
  const select = parseSelect(req, DEVICE, items, 'Request_BadRequest');
  return pageOf(ctx, req, items, { context: cast ? 'devices' : 'directoryObjects', defaultTop: 100, maxTop: 999, map: (d) => applySelect(d, select, DEVICE) });
}

function deviceById(ctx: GraphContext, id: string | undefined): JsonObject {
  const device = id === undefined ? undefined : ctx.tenant.devices.get(id.toLowerCase());
  if (!device) throw notFound(id ?? '');
  return device;
}

function deleteDevice(ctx: GraphContext, id: string | undefined) {
  deviceById(ctx, id);
  const key = (id ?? '').toLowerCase();
  ctx.tenant.devices.delete(key);
  for (const user of ctx.tenant.users) {
    if (!user.registeredDeviceIds.includes(key) && !user.ownedDeviceIds.includes(key)) continue;
    user.registeredDeviceIds = user.registeredDeviceIds.filter((d) => d !== key);
    user.ownedDeviceIds = user.ownedDeviceIds.filter((d) => d !== key);
    user.revision++;
  }
  return noContent();
}

export const deviceRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{user}/registeredDevices', roles: LIST_ROLES, denial: 'directory', handle: (ctx, req, p) => ok(listDevices(ctx, req, p.user, 'registered')) },
  { method: 'GET', pattern: '/users/{user}/registeredDevices/{cast}', roles: LIST_ROLES, denial: 'directory', handle: (ctx, req, p) => ok(listDevices(ctx, req, p.user, 'registered', p.cast)) },
  { method: 'GET', pattern: '/users/{user}/ownedDevices', roles: LIST_ROLES, denial: 'directory', handle: (ctx, req, p) => ok(listDevices(ctx, req, p.user, 'owned')) },
  { method: 'GET', pattern: '/users/{user}/ownedDevices/{cast}', roles: LIST_ROLES, denial: 'directory', handle: (ctx, req, p) => ok(listDevices(ctx, req, p.user, 'owned', p.cast)) },
  {
    method: 'GET', pattern: '/devices/{device}', roles: DEVICE_READ, denial: 'directory',
    handle: (ctx, req, p) => {
      const device = deviceById(ctx, p.device);
      const select = parseSelect(req, DEVICE, [device], 'Request_BadRequest');
      return ok({ '@odata.context': contextUrl(ctx, selectContext('devices', select, true)), ...applySelect(device, select, DEVICE) });
    },
  },
  { method: 'DELETE', pattern: '/devices/{device}', roles: DEVICE_WRITE, denial: 'directory', handle: (ctx, _req, p) => deleteDevice(ctx, p.device) },
];
