/** An in-memory GraphTransport for unit tests: answers by URL prefix and records every call. */
import type { BatchOutcome, GraphCall, GraphReply, GraphTransport } from '../../../src/backend/graph/transport';

export type Responder = (call: GraphCall) => GraphReply | undefined;

export const ok = (body: unknown): GraphReply => ({ status: 200, headers: {}, body });
export const err = (status: number, code: string, headers: Record<string, string> = {}): GraphReply => ({ status, headers, body: { error: { code, message: code } } });

export const USER_ID = '11111111-2222-3333-4444-555555555555';
export const UPN = 'alice@contoso.example';

/** A plausible tenant: one user, methods, devices, policies. */
export function defaultResponder(overrides: Array<[RegExp, (call: GraphCall) => GraphReply]> = []): Responder {
  const routes: Array<[RegExp, (call: GraphCall) => GraphReply]> = [
    ...overrides,
    [/^\/users\/[^/?]+\?\$select=/, () => ok({ id: USER_ID, userPrincipalName: UPN, displayName: 'Alice', accountEnabled: true, userType: 'Member' })],
    [/\/authentication\/methods$/, () => ok({ value: [{ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490' }] })],
    [/\/registeredDevices/, () => ok({ value: [{ '@odata.type': '#microsoft.graph.device', id: 'd1', trustType: 'Workplace' }] })],
    [/\/ownedDevices/, () => ok({ value: [{ '@odata.type': '#microsoft.graph.device', id: 'd1', trustType: 'Workplace' }, { '@odata.type': '#microsoft.graph.device', id: 'd2', trustType: 'AzureAd' }] })],
    [/\/transitiveMemberOf/, () => ok({ value: [{ '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'Staff' }] })],
    [/^\/auditLogs\/signIns/, () => ok({ value: [
      { id: 's-old', createdDateTime: '2026-11-25T08:00:00Z', userId: USER_ID, status: { errorCode: 0 } },
      { id: 's-new', createdDateTime: '2026-11-26T08:00:00Z', userId: USER_ID, status: { errorCode: 53003 } },
      { id: 's-other', createdDateTime: '2026-11-26T08:00:00Z', userId: 'someone-else', status: { errorCode: 0 } },
    ] })],
    [/^\/identityProtection\/riskyUsers\//, () => ok({ id: USER_ID, riskLevel: 'low' })],
    [/^\/reports\/authenticationMethods\/userRegistrationDetails\//, () => ok({ id: USER_ID, isMfaRegistered: false })],
    [/^\/policies\/authenticationMethodsPolicy/, () => ok({ id: 'authenticationMethodsPolicy', authenticationMethodConfigurations: [] })],
    [/^\/policies\/deviceRegistrationPolicy/, () => ok({ userDeviceQuota: 50 })],
    [/^\/identity\/conditionalAccess\/policies/, () => ok({ value: [] })],
    [/^\/identity\/conditionalAccess\/namedLocations/, () => ok({ value: [] })],
    [/^\/roleManagement\/directory\/roleEligibilityScheduleInstances/, () => ok({ value: [] })],
    [/^\/roleManagement\/directory\/roleAssignmentScheduleInstances/, () => ok({ value: [] })],
  ];
  return (call) => {
    for (const [re, fn] of routes) if (re.test(call.url)) return fn(call);
    return undefined;
  };
}

export class FakeTransport implements GraphTransport {
  readonly calls: GraphCall[] = [];
  httpRequests = 0;
  /** Outer $batch answers to return first (then normal processing). */
  batchFailures: GraphReply[] = [];
  /** Hook to hold a batch open (single-flight tests). */
  gate: Promise<void> | undefined;

  constructor(private readonly respond: Responder) {}

  async send(call: GraphCall): Promise<GraphReply> {
    this.httpRequests++;
    this.calls.push(call);
    return this.respond(call) ?? err(404, 'Request_ResourceNotFound');
  }

  async batch(calls: GraphCall[]): Promise<BatchOutcome> {
    this.httpRequests++;
    if (this.gate) await this.gate;
    const failure = this.batchFailures.shift();
    if (failure) return { kind: 'failed', reply: failure };
    const replies = new Map<string, GraphReply>();
    // Out of order on purpose, as Graph does.
    for (const call of [...calls].reverse()) {
      this.calls.push(call);
      replies.set(call.id, this.respond(call) ?? err(404, 'Request_ResourceNotFound'));
    }
    return { kind: 'ok', replies };
  }
}
