/**
 * The simulator's live, in-memory tenant. Built once from a fixture by loadFixture; the HTTP
 * handlers read and write it, and tests may inspect or mutate it (bump `revision` after changing
 * groups, roles or policies by hand so cached derivations are recomputed).
 */
export type JsonObject = Record<string, unknown>;

/** A sign-in record with its parsed timestamp (ms since epoch), kept newest-first per user. */
export interface SimSignIn {
  record: JsonObject;
  ms: number;
}

export interface SimUser {
  id: string;
  upn: string;
  /** The user resource's own properties (no navigation or simulator-only keys). */
  props: JsonObject;
  managerId?: string;
  /** riskyUser properties (riskLevel, riskState, riskDetail, riskLastUpdatedDateTime) when riskLevel is set. */
  risk?: JsonObject;
  /** authenticationMethod resources with @odata.type (a TAP may carry the extension flag `@sim.used`). */
  methods: JsonObject[];
  registeredDeviceIds: string[];
  ownedDeviceIds: string[];
  /** Newest first. */
  signIns: SimSignIn[];
  /** Fixture-provided userRegistrationDetails row (otherwise derived). */
  registrationDetails?: JsonObject;
  /** Incremented by every write that changes this user (methods, devices). */
  revision: number;
  /** Verified ID Face Check settings (fixture `@sim.faceCheck`; src/simulator/verifiedId/wallet.ts). */
  faceCheck?: { matchConfidenceScore?: number; sourcePhotoQuality?: string; hasCard?: boolean };
}

export interface SimGroup {
  id: string;
  props: JsonObject;
  /** User ids and/or group ids. */
  members: string[];
}

export interface SimDirectoryRole {
  id: string;
  props: JsonObject;
  /** User ids and/or (role-assignable) group ids. */
  members: string[];
}

export interface SimFailure {
  /** Prefix of the Graph path without /v1.0, e.g. "/auditLogs/signIns" (case-insensitive). */
  path: string;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  method?: string;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

export interface SimulationSettings {
  latencyMs: number;
  throttle: { everyNth: number; retryAfterSeconds: number };
  failures: SimFailure[];
  workloadLimits: boolean;
  capturedAt?: string;
  [key: string]: unknown;
}

export interface SimTenant {
  id: string;
  displayName: string;
  defaultDomain: string;
  /** Entra ID P1/P2 licence (extension; default true). */
  premium: boolean;
  /** The fixture's `tenant` section as given. */
  info: JsonObject;
  authenticationMethodsPolicy: JsonObject;
  deviceRegistrationPolicy: JsonObject;
  conditionalAccessPolicies: JsonObject[];
  namedLocations: JsonObject[];
  groups: Map<string, SimGroup>;
  directoryRoles: Map<string, SimDirectoryRole>;
  /** In fixture order (the registration report pages through this list). */
  users: SimUser[];
  /** Keyed by lower-cased id. */
  usersById: Map<string, SimUser>;
  /** Keyed by lower-cased userPrincipalName. */
  usersByUpn: Map<string, SimUser>;
  /** Device directory objects keyed by lower-cased id. */
  devices: Map<string, JsonObject>;
  /** Mutable at run time (e.g. push a failure from a test). */
  simulation: SimulationSettings;
  capturedAt?: string;
  /** Bump after mutating groups, roles or policies directly. */
  revision: number;
  /** PIM schedule instances and custom role definitions (fixture sections of the same names). */
  roleManagement?: { eligibility: JsonObject[]; assignments: JsonObject[]; definitions: JsonObject[] };
}

export function findUser(tenant: SimTenant, idOrUpn: string): SimUser | undefined {
  const key = idOrUpn.toLowerCase();
  return tenant.usersById.get(key) ?? tenant.usersByUpn.get(key);
}
