/**
 * "Talk to the helpdesk". The recording service only records the wish (collection
 * `escalation-requests`); the helpdesk service (src/bot/helpdesk/escalate.ts) records it the same
 * way and then files a Temporary Access Pass request or a ticket in the helpdesk channel.
 */
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/renderCard';
import type { FindingCode } from '../diagnosis/types';
import { ConflictError, type DocumentStore } from '../storage/types';

export interface EscalationRequest {
  tenantId: string;
  conversationId: string;
  userAadObjectId: string;
  flowId: string;
  /** Finding codes, root cause first. */
  findings: FindingCode[];
  requestedAt: string;
  /** The employee's display name as Teams shows it. */
  employeeName?: string;
  /** The diagnosis as the employee saw it (titles, severity, evidence), root cause first. */
  findingDetails?: Array<{ code: string; severity?: string; title?: string; evidence?: Record<string, unknown> }>;
  /** Account Recovery was offered and the employee chose the helpdesk. */
  skipRecovery?: boolean;
}

export interface EscalationOutcome {
  reference: string;
  /** The same flow had already asked; nothing new was recorded. */
  alreadyRequested: boolean;
  /** What to show the employee instead of the generic "the helpdesk is being contacted". */
  card?: AdaptiveCard;
}

export interface EscalationService {
  /** `turn` is the employee's card action: a pass request needs their own sign-in (bot/sso). */
  request(request: EscalationRequest, turn?: TurnContext): Promise<EscalationOutcome>;
}

export const ESCALATION_COLLECTION = 'escalation-requests';

interface StoredEscalation extends EscalationRequest {
  reference: string;
  status: 'requested';
}

export function createRecordingEscalationService(store: DocumentStore, newReference: () => string): EscalationService {
  return {
    async request(request) {
      const key = `${request.conversationId}|${request.flowId}`;
      const reference = newReference();
      try {
        await store.put<StoredEscalation>(ESCALATION_COLLECTION, key, { ...request, reference, status: 'requested' }, { ifNoneMatch: '*' });
        return { reference, alreadyRequested: false };
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        const existing = await store.get<StoredEscalation>(ESCALATION_COLLECTION, key);
        return { reference: existing?.value.reference ?? reference, alreadyRequested: true };
      }
    },
  };
}
