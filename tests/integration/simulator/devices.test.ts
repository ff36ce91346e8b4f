import { PageIterator } from '@microsoft/microsoft-graph-client';
import { LOCAL_APPS, type RunningSimulator } from '../../../src/simulator';
import { ADELE, fixtureCopy, graphClient, graphFetch, start, tokenFor, values, type Json } from './helpers';

describe('simulator devices', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    ({ sim } = await start(fixtureCopy()));
    token = await tokenFor(sim);
  });
  afterAll(async () => sim.close());

  it('when registered devices are listed with $select, each is a #microsoft.graph.device with only the selected properties', async () => {
    const body = (await graphFetch(sim, token, 'GET', `/users/${ADELE}/registeredDevices?$select=id,displayName,trustType,approximateLastSignInDateTime`)).body;
    const list = values(body);
    expect(list).toHaveLength(3);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['@odata.type', 'approximateLastSignInDateTime', 'displayName', 'id', 'trustType']);
    expect(list[0]?.['@odata.type']).toBe('#microsoft.graph.device');
  });

  it('when $top is smaller than the list, the Graph client PageIterator follows the nextLink to the end', async () => {
    const client = graphClient(sim);
    const first = (await client.api(`/users/${ADELE}/ownedDevices`).top(2).get()) as Json;
    expect(values(first)).toHaveLength(2);
    expect(String(first['@odata.nextLink'])).toMatch(new RegExp(`^${sim.url}/v1.0/users/.+ownedDevices\\?.*\\$skiptoken=`));
    const seen: string[] = [];
    await new PageIterator(client, first as never, (d: Json) => { seen.push(String(d.id)); return true; }).iterate();
    expect(seen).toEqual(['e0000000-0000-0000-0000-000000000001', 'e0000000-0000-0000-0000-000000000002', 'e0000000-0000-0000-0000-000000000003']);
  });

  it('when a device is deleted, later reads of the user and of the device no longer see it', async () => {
    // The device-removal identity deletes; the read-only diagnostic identity reads.
    const remover = await tokenFor(sim, LOCAL_APPS.deviceCleanup);
    const del = await graphFetch(sim, remover, 'DELETE', '/devices/e0000000-0000-0000-0000-000000000002');
    expect(del.status).toBe(204);
    const ids = values((await graphFetch(sim, token, 'GET', `/users/${ADELE}/registeredDevices`)).body).map((d) => d.id);
    expect(ids).toEqual(['e0000000-0000-0000-0000-000000000001', 'e0000000-0000-0000-0000-000000000003']);
    expect(values((await graphFetch(sim, token, 'GET', `/users/${ADELE}/ownedDevices`)).body)).toHaveLength(2);
    expect((await graphFetch(sim, token, 'GET', '/devices/e0000000-0000-0000-0000-000000000002')).status).toBe(404);
    expect((await graphFetch(sim, remover, 'DELETE', '/devices/e0000000-0000-0000-0000-000000000002')).status).toBe(404);
  });
});
