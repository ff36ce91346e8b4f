/**
 * Which question, if any, resolves the diagnosis: asked only when the evidence allows more than
 * one cause and the answer changes the advice, and never twice in a conversation.
 *  - newPhone: prompts are not completed (or nothing is wrong while setting up Authenticator): a
 *    new or lost phone means the old Authenticator registration blocks the new one.
 *  - device: a policy wants a company-managed device: a company device that is not compliant is a
 *    helpdesk fix, a personal one is the employee's.
 *  - method: nothing blocking was found and we do not know the method: method policies differ.
 */
import type { Finding } from '../../diagnosis/types';
import type { FlowState } from '../state';
import type { Memory, QuestionId } from './memory';

export function pickQuestion(findings: readonly Finding[], flow: FlowState, memory: Memory): QuestionId | undefined {
  const asked = new Set(memory.asked);
  const codes = findings.map((f) => f.code);
  const root = findings[0];
  const nothingBlocking = !root || root.severity === 'info';
  if (!asked.has('newPhone') && flow.changedPhone === undefined && memory.newPhone === undefined && !codes.includes('STALE_AUTHENTICATOR')) {
    const hasAuthenticator = findings.some((f) => f.code === 'ALREADY_REGISTERED' && /authenticator/i.test(JSON.stringify(f.evidence)));
    if (root?.code === 'MFA_NOT_COMPLETED' || (nothingBlocking && flow.method === 'microsoftAuthenticator' && hasAuthenticator)) return 'newPhone';
  }
  if (!asked.has('device') && memory.device === undefined && root?.code === 'CA_REQUIRES_COMPLIANT_DEVICE') return 'device';
  if (!asked.has('method') && flow.method === undefined && memory.method === undefined && nothingBlocking && findings.length > 0) return 'method';
  return undefined;
}
