/** English strings of clarifying questions and of "I didn't understand" (part of `en`). */
export const clarify = {
  skip: 'Skip: show what you found',
  questions: {
    newPhone: {
      title: 'One question first',
      text: 'Did you get a new phone or lose the old one? Your answer changes what I tell you.',
      answers: { new: 'Yes, a new phone', lost: 'I lost my old phone', same: 'No, same phone' },
    },
    method: {
      title: 'Which method are you setting up?',
      text: 'Some methods are allowed only for some people, so this changes what I check.',
      answers: { microsoftAuthenticator: 'Authenticator app', phone: 'Phone number', fido2: 'Security key', passkey: 'Passkey' },
    },
    device: {
      title: 'Which device are you using?',
      text: 'Your organisation only allows setting up security info from a company-managed device. Which device are you setting it up on?',
      answers: { company: 'My company laptop or PC', personal: 'My own computer', phone: 'A phone or tablet' },
    },
    topic: {
      title: "Sorry, I didn't understand that",
      text: 'I did not understand “{text}”. Choose what fits best, or say it in other words (for example "my session expired" or "I got a new phone").',
      answers: {
        authenticator: 'Set up the Authenticator app',
        phone: 'Set up a phone number',
        securityKey: 'Set up a security key',
        error: 'I got an error',
        newPhone: 'I got a new phone',
        locked: "I'm locked out",
      },
    },
  } as Record<string, { title: string; text: string; answers: Record<string, string> }>,
  /** The device answer changes the advice of CA_REQUIRES_COMPLIANT_DEVICE. */
  deviceAdvice: {
    company: [
      'Your company device is not recognised as compliant or joined, so the policy treats it like a personal one.',
      'Ask the helpdesk to check the device (Intune compliance or Entra join); they can fix this, you cannot.',
      'Meanwhile, if you have another company device, try setting up there.',
    ],
    personal: [
      'This device is not managed by your company, so it cannot be used to set up security info.',
      'Use your company laptop or PC: open https://aka.ms/mysecurityinfo there and sign in.',
      'If you do not have a company device, ask the helpdesk.',
    ],
  } as Record<string, string[]>,
} as const;
