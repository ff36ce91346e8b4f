import type { ClientFacts } from '../diagnosis/facts';

/** Who a self-check link belongs to. The token binds the results to exactly this employee and chat. */
export interface CheckBinding {
  tenantId: string;
  /** The employee's Entra object id (Teams `from.aadObjectId`). */
  userAadObjectId: string;
  /** The 1:1 conversation the results continue in. */
  conversationId: string;
}

export interface CheckPage {
  /** A short-lived, signed, single-use URL for the employee to open. */
  issueLink(binding: CheckBinding): Promise<string>;
}

/** Called once per accepted result post (the page then shows "You can go back to Teams"). */
export type CheckResultsHandler = (binding: CheckBinding, facts: ClientFacts) => Promise<void>;
