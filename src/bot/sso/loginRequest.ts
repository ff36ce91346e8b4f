/**
 * Teams SSO inside a card action (reference entra-graph-2026.md §20.1): when an `Action.Execute`
 * needs the clicker's own token and the invoke carries none, the bot answers the invoke with a
 * login request (statusCode 401, `application/vnd.microsoft.activity.loginRequest`). Teams then
 * re-sends the same invoke with `value.authentication.token`. A handler throws LoginRequired;
 * the turn's responder (bot/app.ts) answers with the login request and changes nothing else.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';

export const LOGIN_REQUEST_TYPE = 'application/vnd.microsoft.activity.loginRequest';

export interface LoginRequestValue {
  text: string;
  connectionName: string;
  tokenExchangeResource: { id: string; uri: string };
  buttons: Array<{ title: string; text: string; type: 'signin'; value: string }>;
}

export class LoginRequired extends Error {
  constructor(readonly value: LoginRequestValue) {
    super('the card action needs the clicker to sign in (Teams SSO)');
    this.name = 'LoginRequired';
  }
}

export function isLoginRequired(e: unknown): e is LoginRequired {
  return e instanceof LoginRequired;
}

export async function sendLoginRequest(ctx: TurnContext, e: LoginRequired): Promise<void> {
  await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 401, type: LOGIN_REQUEST_TYPE, value: e.value } } });
}
