/** Answers that change the advice itself (not the diagnosis input): the device in use. */
import type { Finding } from '../../diagnosis/types';
import type { Strings } from '../../i18n/en';
import type { Memory } from './memory';

export function adjustFindings(findings: Finding[], memory: Memory, strings: Strings): Finding[] {
  const device = memory.device;
  if (!device) return findings;
  return findings.map((f) => {
    if (f.code !== 'CA_REQUIRES_COMPLIANT_DEVICE') return f;
    const company = device === 'company';
    const steps = strings.clarify.deviceAdvice[company ? 'company' : 'personal'];
    return { ...f, fix: company ? 'helpdesk' : 'self', steps: steps ? [...steps] : f.steps, evidence: { ...f.evidence, deviceInUse: device } };
  });
}
