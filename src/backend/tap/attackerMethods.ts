/**
 * Which of an employee's methods were registered after their pass was issued ("This wasn't me").
 *  - Dated methods (Authenticator, passkey, Windows Hello, OATH...): `createdDateTime` at or after the pass.
 *  - Phone and email methods carry no date in Graph (entra-graph-2026.md §21): they count when the
 *    directory audit log shows a registration or update of that kind after the pass and the method
 *    is not as it was when the pass was issued (the snapshot keeps ids and a hash of the number or
 *    address, never the value). Without a snapshot the audit event alone decides.
 * Password and Temporary Access Passes are never in the list (passes are deleted separately).
 */
import { createHash } from 'node:crypto';
import type { AuthMethod } from '../../diagnosis/facts';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { RemovedMethod } from '../api';
import type { SecurityInfoEvent } from '../graph/containment';
import type { DirectoryGateway } from '../graph/gateway';
import type { OwnedRequest } from './ownedRequests';
import { isTap, methodSummary } from './views';

type Snapshot = NonNullable<OwnedRequest['methodsAtIssue']>;

const PASSWORD = '#microsoft.graph.passwordAuthenticationMethod';
const typeOf = (m: Pick<AuthMethod, '@odata.type'>) => m['@odata.type'].replace('#microsoft.graph.', '');

/** A SHA-256 of the phone number or email address, so a changed number is told from the same one. */
function fingerprintOf(m: AuthMethod): string | undefined {
  const raw = m as Record<string, unknown>;
  const value = typeof raw.phoneNumber === 'string' ? raw.phoneNumber.replace(/[^\d+]/g, '') : typeof raw.emailAddress === 'string' ? raw.emailAddress.toLowerCase() : undefined;
  return value ? createHash('sha256').update(value).digest('hex') : undefined;
}

export function snapshotOf(methods: AuthMethod[]): Snapshot {
  return methods.filter((m) => !isTap(m) && m['@odata.type'] !== PASSWORD).map((m) => {
    const fingerprint = fingerprintOf(m);
    return { id: m.id, type: typeOf(m), ...(fingerprint ? { fingerprint } : {}) };
  });
}

/** The snapshot recorded with an issued pass; a failed read only weakens containment later (logged). */
export async function methodsAtIssue(gateway: Pick<DirectoryGateway, 'listAuthenticationMethods'>, userId: string, logger: Logger): Promise<Snapshot | undefined> {
  try {
    return snapshotOf(await gateway.listAuthenticationMethods(userId));
  } catch (e) {
    logger.warn({ userId, err: describeError(e) }, 'could not record the methods at issuance; containment will rely on dates and the audit log');
    return undefined;
  }
}

export interface AttackerMethod {
  method: AuthMethod;
  summary: RemovedMethod;
}

const phoneTypeOf = (m: AuthMethod): string | undefined => (typeof m.phoneType === 'string' ? m.phoneType : undefined);

/** Phone methods last, alternateMobile before mobile (Graph refuses to delete mobile while alternateMobile exists). */
const ORDER = (m: AuthMethod) => (typeOf(m) !== 'phoneAuthenticationMethod' ? 0 : phoneTypeOf(m) === 'alternateMobile' ? 1 : phoneTypeOf(m) === 'mobile' ? 3 : 2);

export function attackerMethods(methods: AuthMethod[], events: SecurityInfoEvent[], since: Date, snapshot: Snapshot | undefined): AttackerMethod[] {
  const out: AttackerMethod[] = [];
  const eventFor = (m: AuthMethod) =>
    events.some((e) => Date.parse(e.at) >= since.getTime() && e.method === typeOf(m) && (!e.phoneType || !phoneTypeOf(m) || e.phoneType === phoneTypeOf(m)));
  for (const m of methods) {
    if (isTap(m) || m['@odata.type'] === PASSWORD) continue;
    const phoneType = phoneTypeOf(m);
    const add = (evidence: RemovedMethod['evidence']) => out.push({ method: m, summary: { ...methodSummary(m), evidence, ...(phoneType ? { phoneType } : {}) } });
    const created = typeof m.createdDateTime === 'string' ? Date.parse(m.createdDateTime) : NaN;
    if (Number.isFinite(created)) {
      if (created >= since.getTime()) add('created_after_pass');
      continue;
    }
    if (snapshot) {
      const before = snapshot.find((s) => s.id.toLowerCase() === m.id.toLowerCase() && s.type === typeOf(m));
      if (!before) add(eventFor(m) ? 'audit_log' : 'not_present_at_issue');
      else if (before.fingerprint !== fingerprintOf(m) && eventFor(m)) add('audit_log');
    } else if (eventFor(m)) {
      add('audit_log');
    }
  }
  return out.sort((a, b) => ORDER(a.method) - ORDER(b.method));
}
