/** English strings of the card an Action.Execute gets when its work outlasts the invoke deadline (part of `en`). */
export const deferred = {
  checkingTitle: 'Checking…',
  checkingText: 'This is taking a little longer than usual. The answer will appear here in a moment; there is no need to press again.',
  issuingTitle: 'Issuing…',
  issuingText: 'Recording your decision. This card updates in a moment; there is no need to press again.',
  workingTitle: 'Working on it…',
  workingText: 'This is taking a little longer than usual. The result will appear here in a moment; there is no need to press again.',
};
