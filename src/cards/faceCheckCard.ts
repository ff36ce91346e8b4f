/**
 * The employee's Face Check card (1:1 chat): plain-words steps (get a VerifiedEmployee card from
 * MyAccount first), then the Verified ID deep link as "Open in Microsoft Authenticator".
 */
import { fill } from '../i18n/en';
import type { CardContext } from './cardContext';
import type { AdaptiveCard } from './renderCard';

export const MY_ACCOUNT_URL = 'https://myaccount.microsoft.com';

export interface FaceCheckCardInput {
  /** The Request Service's `url` (openid-vc://?request_uri=…). */
  url: string;
  /** Already worded, in the reader's time ("10:35 UTC"). */
  expiresText: string;
}

export function renderFaceCheckCard(ctx: CardContext, input: FaceCheckCardInput): AdaptiveCard {
  const s = ctx.strings.faceCheck;
  return ctx.renderer.render('faceCheck', {
    title: s.title,
    text: s.text,
    stepCard: s.stepCard,
    stepOpen: s.stepOpen,
    stepSelfie: s.stepSelfie,
    privacy: s.privacy,
    expires: fill(s.expires, { time: input.expiresText }),
    open: s.open,
    url: input.url,
    getCard: s.getCard,
    myAccountUrl: MY_ACCOUNT_URL,
    securityLine: ctx.strings.securityLine,
  });
}
