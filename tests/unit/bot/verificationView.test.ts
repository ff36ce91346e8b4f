/** The approver card's "Identity verification" part, worded from the backend's status. */
import { verificationPart } from '../../../src/bot/tap/verificationView';
import { renderTapRequestCard } from '../../../src/cards/tapRequestCard';
import { createCardRenderer } from '../../../src/cards/renderCard';
import { en } from '../../../src/i18n/en';

const status = (over: Record<string, unknown> = {}) => ({
  requestId: 'r1',
  employeeId: 'alice',
  tier: 'elevated' as const,
  reasons: ['Identity Protection user risk medium'],
  accepted: [['faceCheck'], ['callback', 'manager']] as Array<Array<'faceCheck' | 'callback' | 'manager'>>,
  satisfied: false,
  missing: ['faceCheck'] as Array<'faceCheck' | 'callback' | 'manager'>,
  recorded: [],
  callback: { maskedNumber: '••• ••• 0171', numberEnding: '0171', source: 'mobilePhone' },
  manager: { id: 'mike', displayName: 'Mike Manager' },
  faceCheckAvailable: true,
  checkedAt: '2026-11-26T09:30:00Z',
  ...over,
});

describe('the verification part of the approver card', () => {
  it('a Face Check below its threshold is shown with its score against the threshold, and the remaining proof stays requestable', () => {
    const part = verificationPart(en, status({ recorded: [{ kind: 'faceCheck', presentationRequestId: 'p1', matchConfidenceScore: 61, threshold: 70, passed: false, claimMatched: true, at: '2026-11-26T09:31:00Z' }] }));

    expect(part.lines).toEqual(['Face Check failed: score 61 (threshold 70), 2026-11-26 09:31 UTC']);
    expect(part.facts).toEqual(
      expect.arrayContaining([
        { title: 'Tier', value: 'Elevated (Identity Protection user risk medium)' },
        { title: 'Accepted proof', value: "Verified ID Face Check, or call-back on the directory number and the manager's confirmation" },
        { title: 'Still needed', value: 'Verified ID Face Check' },
      ]),
    );
    expect(part).toMatchObject({ ticket: false, canCallback: true, canAskManager: true, callback: { label: 'I called ••• ••• 0171 and it was them', numberEnding: '0171' } });
  });

  it('a privileged account: no actions, a hand-off text; the rendered card has no Approve', () => {
    const part = verificationPart(en, status({ tier: 'privileged', accepted: [], missing: [], reasons: ['directory role: Global Administrator'] }));
    expect(part).toMatchObject({ ticket: true, canCallback: false, canAskManager: false, ticketText: expect.stringContaining('privileged-access staff') });

    const card = renderTapRequestCard({ renderer: createCardRenderer(), strings: en }, {
      requestId: 'r1', employeeName: 'Alice', status: 'Waiting', open: true, view: 'approver', facts: [], riskFacts: [], signIns: [], findings: [], evidence: [], history: [], showReplace: false, verification: part,
    });
    const text = JSON.stringify(card);
    expect(text).not.toContain('"verb":"tapApprove"');
    expect(text).toContain('This account gets no pass from the helpdesk');
  });

  it('on the approver view of a standard request, every input of the card has a label', () => {
    const card = renderTapRequestCard({ renderer: createCardRenderer(), strings: en }, {
      requestId: 'r1', employeeName: 'Alice', status: 'Waiting', open: true, view: 'approver', facts: [], riskFacts: [], signIns: [], findings: [], evidence: [], history: [], showReplace: true,
      verification: verificationPart(en, status({ tier: 'standard', accepted: [['callback'], ['manager'], ['faceCheck']], missing: ['callback'], reasons: [] })),
    });
    const inputs: Array<Record<string, unknown>> = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.')) inputs.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    expect(inputs.length).toBeGreaterThan(2);
    expect(inputs.filter((i) => typeof i.label !== 'string' || i.label === '').map((i) => i.id)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"verb":"tapCallbackConfirm"');
  });

  it('when the backend could not be read, the card says so instead of guessing', () => {
    expect(verificationPart(en, undefined)).toMatchObject({ facts: [{ title: 'Tier', value: 'Unavailable: refresh the card' }], canCallback: false, canAskManager: false });
  });
});
