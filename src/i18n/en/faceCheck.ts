/** Verified ID Face Check: the employee's card and the approver's notices (src/bot/tap/faceCheck.ts). */
export const faceCheck = {
  // Employee's 1:1 card (adaptiveCards/faceCheck.json)
  title: "Show it's you with Face Check",
  text: 'The helpdesk wants to be sure it is really you before they give you a Temporary Access Pass. It takes about a minute on your phone.',
  stepCard:
    "1. You need a VerifiedEmployee card in Microsoft Authenticator. If you don't have one yet, open MyAccount on your phone, choose \"Get my Verified ID\" and add the card to Authenticator.",
  stepOpen: '2. On your phone, tap "Open in Microsoft Authenticator" below, choose your VerifiedEmployee card and share it.',
  stepSelfie: '3. Authenticator asks you to look into the camera. It compares your face with the photo on your card.',
  privacy: 'The helpdesk sees only how well your face matched (a score), never your selfie.',
  expires: 'This link works until {time}.',
  open: 'Open in Microsoft Authenticator',
  getCard: 'Get a VerifiedEmployee card',
  // Approver (notices on the request card)
  sent: 'Face Check sent to {name}. Their match score appears on this card when they finish (the link works until {time}).',
  notConfigured: 'Face Check is not set up for this organisation (Verified ID).',
  noChat: "{name} has no chat with the bot, so the Face Check link could not be sent. Verify them another way.",
  busy: 'The Verified ID service is busy. Try again in a minute.',
  unavailable: 'The Verified ID service could not be reached. Try again later or verify the employee another way.',
  label: 'Ask for Face Check',
};
