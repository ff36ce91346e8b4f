/**
 * The edges of the campaign engine. Campaigns never import bot/ or the backend: the bot implements
 * NudgeSender (Bot Connector + Graph installedApps through the backend), the backend client
 * implements TargetSource (userRegistrationDetails, group members, exclusions).
 */
import type { PhoneCohort } from './cohorts';
import type { Audience } from './model';

/** One row of the audience, already joined by the backend with what the campaign needs to filter. */
export interface TargetUser {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
  /** `member` | `guest` (lowercase on userRegistrationDetails). */
  userType?: string;
  accountEnabled?: boolean;
  isMfaRegistered?: boolean;
  /** Member of the campaign's excluded group (transitively). */
  inExcludedGroup?: boolean;
  /** IANA time zone (mailboxSettings) when known. */
  timeZone?: string;
  /** Passkey campaigns: the phone cohort, and whether Microsoft's own campaign already nudges them. */
  cohort?: PhoneCohort;
  microsoftNudge?: 'passkey' | 'authenticator';
}

export interface TargetQuery {
  tenantId: string;
  audience: Audience;
  excludeGroupId?: string;
  pageSize: number;
}

export interface TargetPage {
  users: TargetUser[];
  /** Opaque cursor of the next page (Graph `@odata.nextLink`); absent on the last page. */
  next?: string;
}

export interface RegistrationStatus {
  id: string;
  isMfaRegistered: boolean;
  /** When the first strong method was registered, when known. */
  registeredAt?: string;
}

export interface TargetSource {
  /** One page of the audience; `cursor` is the `next` of the previous page (undefined = first). */
  page(query: TargetQuery, cursor: string | undefined): Promise<TargetPage>;
  /** Current registration state of up to 100 users (for results). */
  registration(tenantId: string, userIds: string[]): Promise<RegistrationStatus[]>;
}

/** What the bot renders into the nudge card ("Set it up now" / "I'm stuck" / "Remind me tomorrow"). */
export interface Nudge {
  campaignId: string;
  userId: string;
  round: number;
  snoozesLeft: number;
}

export interface NudgeSender {
  /** The stored 1:1 conversation with this employee, if the bot has one (no call to Teams). */
  findConversation(userId: string): Promise<string | undefined>;
  /** Installs the app for the employee (Graph installedApps; 409 = already installed). */
  installApp(userId: string): Promise<'installed' | 'alreadyInstalled'>;
  /** Creates (or gets: 1:1 creation is idempotent in Teams) the conversation. One connector request. */
  createConversation(userId: string): Promise<string>;
  /** Sends the nudge; the idempotency key travels with the activity so a retried send is not a second message. */
  send(conversationId: string, nudge: Nudge, idempotencyKey: string): Promise<{ activityId: string }>;
  /** Whether an activity with this idempotency key reached the conversation (resolves `sending` after a crash). */
  wasDelivered(conversationId: string, idempotencyKey: string): Promise<{ activityId: string } | undefined>;
}

/**
 * What a NudgeSender throws for a non-success answer. `status` 0 = no answer (network); `code` is
 * the connector's `error.code` (e.g. ConversationBlockedByUser); `retryAfterMs` from Retry-After.
 */
export class SendError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

export type Sleep = (ms: number) => Promise<void>;
/** [0, 1), injected so jitter is reproducible in tests. */
export type Random = () => number;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
