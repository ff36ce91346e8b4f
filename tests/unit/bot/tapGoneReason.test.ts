import { goneReason } from '../../../src/bot/tap/watch';
import { renderTapPassCard } from '../../../src/cards/tapPassCard';
import { createCardRenderer } from '../../../src/cards/renderCard';
import { en } from '../../../src/i18n/en';

const tap = (reason: string, isUsable = false) => ({ methodId: 'm1', isUsable, reason, methodUsabilityReason: reason });
const text = (reason: string) => JSON.stringify(renderTapPassCard({ renderer: createCardRenderer(), strings: en }, { kind: 'redacted', reason }));

describe('why a delivered pass left the chat (the redaction tells the true cause)', () => {
  it('a pass the directory reports OneTimeUsed was used, even inside the grace period', () => {
    expect(goneReason(tap('OneTimeUsed'), false)).toBe('used');
    expect(text('used')).toContain('The pass was used');
  });

  it('an expired pass is called expired, never used', () => {
    expect(goneReason(tap('Expired'), true)).toBe('expired');
    expect(text('expired')).toContain('The pass expired');
    expect(text('expired')).not.toContain('was used');
  });

  it('a pass that no longer exists was deleted, and only after the grace period (fresh passes may lag)', () => {
    expect(goneReason(undefined, false)).toBeUndefined();
    expect(goneReason(undefined, true)).toBe('removed');
    expect(text('removed')).toContain('deleted from your account');
    expect(text('removed')).not.toContain('was used');
  });

  it('a usable or not-yet-valid pass stays; another unusable state says it can no longer be used, not that it was used', () => {
    expect(goneReason(tap('EnabledByPolicy', true), true)).toBeUndefined();
    expect(goneReason(tap('NotYetValid'), true)).toBeUndefined();
    expect(goneReason(tap('DisabledByPolicy'), true)).toBe('used_or_removed');
    expect(text('used_or_removed')).toContain('can no longer be used');
    expect(text('revoked')).toContain('revoked');
  });
});
