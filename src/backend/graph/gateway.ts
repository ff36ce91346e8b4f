/** The I/O edge the backend services depend on. Tests may fake it; the real one is directoryGateway.ts. */
import type { AuthMethod, Device, DirectoryFacts, GraphUser } from '../../diagnosis/facts';
import type { EvidenceAge } from '../api/freshness';
import type { CampaignGraph } from './campaigns';
import type { ContainmentGraph } from './containment';

export interface GatherStats {
  /** Graph requests sent (each request inside a $batch counts, retries count again). */
  requests: number;
  /** HTTP round trips (a $batch is one). */
  roundTrips: number;
}

export interface UserDevices {
  user: Pick<GraphUser, 'id' | 'userPrincipalName' | 'displayName'>;
  /** registeredDevices ∪ ownedDevices, deduplicated by object id. */
  devices: Device[];
}

export interface TapRequest {
  lifetimeInMinutes?: number;
  isUsableOnce?: boolean;
  startDateTime?: string;
}

/** A freshly created TAP: the only time Graph returns the pass itself. Never log it. */
export type IssuedTap = AuthMethod & { temporaryAccessPass: string };

export interface DirectoryGateway {
  /** Facts for one employee; `now` anchors the sign-in window (default: the gateway clock). */
  gatherFacts(userRef: string, opts?: { now?: Date }): Promise<{ facts: DirectoryFacts; stats: GatherStats; evidence?: EvidenceAge[] }>;
  getUserDevices(userRef: string): Promise<UserDevices>;
  /** Deletes a device object. Throws AppError not_found when it does not exist. */
  deleteDevice(objectId: string): Promise<void>;
  /** The subset of `groupIds` the user is a (transitive) member of. */
  checkMemberGroups(userId: string, groupIds: string[]): Promise<string[]>;
  /** Through the TAP-issuing identity only. */
  createTemporaryAccessPass(userId: string, request: TapRequest): Promise<IssuedTap>;
  listTemporaryAccessPasses(userId: string): Promise<AuthMethod[]>;
  /** true when a pass was deleted, false when there was none with that id. */
  deleteTemporaryAccessPass(userId: string, tapId: string): Promise<boolean>;
  /** The user (read identity). Throws UserNotFoundError. */
  getUser(userRef: string): Promise<GraphUser>;
  /** The user's manager, or undefined when none is set (read identity). */
  getManager(userRef: string): Promise<DirectoryManager | undefined>;
  /** Every registered authentication method, TAPs included (read identity). */
  listAuthenticationMethods(userRef: string): Promise<AuthMethod[]>;
  /** Invalidates the user's refresh tokens and session cookies (TAP-issuing identity, User.RevokeSessions.All). */
  revokeSignInSessions(userRef: string): Promise<void>;
  /** "This wasn't me": audit-log reads and the containment identity's deletes; absent in fakes that do not need it. */
  containment?: ContainmentGraph;
  /** Registration-nudge campaigns (report paging, app install); absent in fakes that do not need it. */
  campaigns?: CampaignGraph;
}

export interface DirectoryManager {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
}
