/**
 * "Talk to the helpdesk". For now the wish is recorded (collection `escalation-requests`) and the
 * employee is told the helpdesk is being contacted; the escalation card in the helpdesk channel
 * (next issue) plugs in by providing another EscalationService.
 */
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
}

export interface EscalationOutcome {
  reference: string;
  /** The same flow had already asked; nothing new was recorded. */
  alreadyRequested: boolean;
}

export interface EscalationService {
  request(request: EscalationRequest): Promise<EscalationOutcome>;
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
