/**
 * English strings of free-text understanding (part of `en`): advice for what the employee said
 * was wrong, shown on the findings card when the diagnosis of the account finds nothing.
 */
export const understanding = {
  symptomSteps: {
    push_not_arriving: [
      'Open the Authenticator app: a pending sign-in request often waits there even when no notification shows.',
      'Allow notifications for Authenticator in your phone settings, and turn off battery saver and Focus / Do Not Disturb for it.',
      'Make sure your phone sets its date and time automatically, then try signing in again at https://aka.ms/mysecurityinfo.',
    ],
    code_expired: [
      'One-time codes change every 30 seconds and depend on your phone clock: set date and time to automatic in your phone settings.',
      'Type the code shown right now, not an older one, and finish within 30 seconds.',
      'If a text message code is refused, ask for a new one and use only the latest.',
    ],
    authenticator_not_working: [
      'Update Microsoft Authenticator from your app store and restart your phone.',
      'Make sure your phone sets its date and time automatically and allows notifications for Authenticator.',
      'If your work account shows an error in the app, remove it there and add it again at https://aka.ms/mysecurityinfo.',
    ],
    no_phone: [
      'Without a phone you can still sign in with a security key or Windows Hello, if your organisation allows them.',
      'Otherwise the helpdesk can give you a Temporary Access Pass to set up a new method: choose "Talk to the helpdesk".',
    ],
  } as Record<string, string[]>,
} as const;
