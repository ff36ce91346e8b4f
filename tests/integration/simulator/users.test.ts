import { GraphError } from '@microsoft/microsoft-graph-client';
import { LOCAL_APPS, type RunningSimulator } from '../../../src/simulator';
import { ADELE, GINA_UPN, HANK, ISAIAH, MEGAN, graphClient, graphFetch, start, tokenFor, values, type Json } from './helpers';

const SELECT = 'id,userPrincipalName,displayName,mail,accountEnabled,userType,createdDateTime,onPremisesSyncEnabled,usageLocation,externalUserState';

describe('simulator users, manager and membership', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    ({ sim } = await start());
    token = await tokenFor(sim);
  });
  afterAll(async () => sim.close());

  it('when the gateway selects the diagnosis properties, exactly those (+ null for unset ones) come back with a $select context', async () => {
    const user = (await graphClient(sim).api('/users/ADELE@contoso.example').select(SELECT).get()) as Json;
    expect(Object.keys(user).sort()).toEqual(['@odata.context', ...SELECT.split(',')].sort());
    expect(user).toEqual(expect.objectContaining({ id: ADELE, accountEnabled: true, userType: 'Member', usageLocation: 'GB', onPremisesSyncEnabled: null, externalUserState: null }));
    expect(user['@odata.context']).toBe(`${sim.url}/v1.0/$metadata#users(${SELECT})/$entity`);
  });

  it('when no $select is given, Graph default properties come back and fixture extras such as createdDateTime do not', async () => {
    const user = (await graphFetch(sim, token, 'GET', `/users/${ADELE}`)).body;
    expect(user).toEqual(expect.objectContaining({ id: ADELE, displayName: 'Adele Vance', jobTitle: 'Analyst', businessPhones: [], surname: null }));
    expect(user).not.toHaveProperty('createdDateTime');
  });

  it('when a guest is addressed by a URL-encoded #EXT# UPN, it is found', async () => {
    const res = await graphFetch(sim, token, 'GET', `/users/${encodeURIComponent(GINA_UPN)}?$select=id,userType`);
    expect(res.status).toBe(200);
    expect(res.body.userType).toBe('Guest');
  });

  it('when $select names an unknown property, the answer is 400 naming it', async () => {
    const res = await graphFetch(sim, token, 'GET', `/users/${ADELE}?$select=id,favouriteColour`);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'Request_BadRequest', message: "Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'." }));
  });

  it('when the user does not exist, the Graph client throws a 404 Request_ResourceNotFound with request ids echoed', async () => {
    const raw = await graphFetch(sim, token, 'GET', '/users/nobody@contoso.example', undefined, { 'client-request-id': 'c1d2e3f4-0000-0000-0000-000000000001' });
    expect(raw.status).toBe(404);
    const err = raw.body.error as Json;
    expect(err.code).toBe('Request_ResourceNotFound');
    expect(err.message).toBe("Resource 'nobody@contoso.example' does not exist or one of its queried reference-property objects are not present.");
    expect(err.innerError).toEqual({ date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), 'request-id': raw.headers.get('request-id'), 'client-request-id': 'c1d2e3f4-0000-0000-0000-000000000001' });
    expect(raw.headers.get('client-request-id')).toBe('c1d2e3f4-0000-0000-0000-000000000001');
    const thrown = await graphClient(sim).api('/users/nobody@contoso.example').get().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(GraphError);
    expect((thrown as GraphError).statusCode).toBe(404);
    expect((thrown as GraphError).code).toBe('Request_ResourceNotFound');
  });

  it('when the manager is asked for, the manager user comes back; without one, 404', async () => {
    const mgr = (await graphFetch(sim, token, 'GET', `/users/${ADELE}/manager?$select=id,displayName`)).body;
    expect(mgr).toEqual(expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: MEGAN, displayName: 'Megan Bowen' }));
    expect((await graphFetch(sim, token, 'GET', `/users/${MEGAN}/manager`)).status).toBe(404);
  });

  it('when transitiveMemberOf is read, nested groups and roles held through a group are included', async () => {
    const hank = values((await graphFetch(sim, token, 'GET', `/users/${HANK}/transitiveMemberOf`)).body);
    expect(hank.map((o) => `${String(o['@odata.type'])}:${String(o.displayName)}`).sort()).toEqual([
      '#microsoft.graph.directoryRole:Helpdesk Administrator',
      '#microsoft.graph.group:All staff',
      '#microsoft.graph.group:Helpdesk approvers',
      '#microsoft.graph.group:TAP eligible',
    ]);
    const isaiah = values((await graphFetch(sim, token, 'GET', `/users/${ISAIAH}/transitiveMemberOf`)).body);
    expect(isaiah.find((o) => o['@odata.type'] === '#microsoft.graph.directoryRole')).toEqual(expect.objectContaining({ roleTemplateId: '62e90394-69f5-4237-9190-012177145e10' }));
    const groupsOnly = values((await graphFetch(sim, token, 'GET', `/users/${HANK}/transitiveMemberOf/microsoft.graph.group?$select=displayName`)).body);
    expect(groupsOnly).toHaveLength(3);
    expect(Object.keys(groupsOnly[0] ?? {}).sort()).toEqual(['@odata.type', 'displayName', 'id']);
  });

  it('when checkMemberGroups is posted, only the (transitively) matching ids come back, and more than 20 ids are refused', async () => {
    const ids = ['a0000000-0000-0000-0000-0000000000a1', 'A0000000-0000-0000-0000-0000000000A3', 'a0000000-0000-0000-0000-0000000000a4'];
    const res = (await graphClient(sim).api(`/users/${HANK}/checkMemberGroups`).post({ groupIds: ids })) as Json;
    expect(res.value).toEqual(['a0000000-0000-0000-0000-0000000000a1', 'A0000000-0000-0000-0000-0000000000A3']);
    expect(values((await graphFetch(sim, token, 'POST', `/users/${ADELE}/checkMemberGroups`, { groupIds: ['a0000000-0000-0000-0000-0000000000a1'] })).body)).toEqual([]);
    const tooMany = await graphFetch(sim, token, 'POST', `/users/${ADELE}/checkMemberGroups`, { groupIds: Array.from({ length: 21 }, (_, i) => `g${i}`) });
    expect(tooMany.status).toBe(400);
  });

  it('when the TAP issuer revokes a user\'s sessions, the answer is true and signInSessionsValidFromDateTime moves to now; the reader may not', async () => {
    const issuer = await tokenFor(sim, LOCAL_APPS.tapIssuer);
    const res = await graphFetch(sim, issuer, 'POST', `/users/${MEGAN}/revokeSignInSessions`, {});
    expect(res.status).toBe(200);
    expect(res.body.value).toBe(true);
    const user = (await graphFetch(sim, token, 'GET', `/users/${MEGAN}?$select=id,signInSessionsValidFromDateTime`)).body;
    expect(user.signInSessionsValidFromDateTime).toBe('2026-11-26T09:00:00Z');
    expect((await graphFetch(sim, token, 'POST', `/users/${MEGAN}/revokeSignInSessions`, {})).status).toBe(403);
  });

  it('when an unknown path is requested, the answer is a 404 with a Graph error body', async () => {
    const res = await graphFetch(sim, token, 'GET', '/users/adele@contoso.example/favouriteThings');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String), innerError: expect.any(Object) }));
  });
});
