/**
 * Where the bot gets a person's own Entra token to carry to the backend (which validates it):
 *  - `teamsSso`: from the re-sent `Action.Execute` invoke (`value.authentication.token`); without
 *    one, LoginRequired makes the bot answer with a Teams login request (§20.1);
 *  - `localIdp`: LOCAL MODE ONLY. The Graph simulator's token endpoint hands out a token for the
 *    clicker (there is no Teams client in `npm start` / the Agents Playground). Refused in production.
 * The bot never validates or stores the token; it only carries it.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { LOCAL_USER_GRANT } from '../../shared/localIdentity';
import { LoginRequired } from './loginRequest';

export interface UserProofSource {
  readonly kind: 'teamsSso' | 'localIdp';
  /** The clicker's token; throws LoginRequired when Teams must sign them in first. */
  require(ctx: TurnContext): Promise<string>;
}

const AuthenticatedInvoke = z.object({ authentication: z.object({ token: z.string().min(1).max(16000) }).passthrough() }).passthrough();

interface UserTokenClientLike {
  getSignInResource(connectionName: string, activity: unknown, finalRedirect: string): Promise<{ signInLink?: string }>;
}

async function signInLink(ctx: TurnContext, connectionName: string, fallback: string): Promise<string> {
  const key = (ctx.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
  const client = key ? (ctx.turnState.get(key) as UserTokenClientLike | undefined) : undefined;
  try {
    const link = client ? (await client.getSignInResource(connectionName, ctx.activity, '')).signInLink : undefined;
    return link ?? fallback;
  } catch {
    return fallback;
  }
}

export interface TeamsSsoOptions {
  connectionName: string;
  /** The bot's app id: the token exchange resource is api://botid-{appId} (§20.5). */
  appId: string;
  prompt: { text: string; button: string };
}

export function teamsSsoProof(o: TeamsSsoOptions): UserProofSource {
  const uri = `api://botid-${o.appId}`;
  return {
    kind: 'teamsSso',
    async require(ctx) {
      const carried = AuthenticatedInvoke.safeParse(ctx.activity.value);
      if (carried.success) return carried.data.authentication.token;
      const link = await signInLink(ctx, o.connectionName, uri);
      throw new LoginRequired({
        text: o.prompt.text,
        connectionName: o.connectionName,
        tokenExchangeResource: { id: ctx.activity.recipient?.id ?? o.appId, uri },
        buttons: [{ title: o.prompt.button, text: o.prompt.button, type: 'signin', value: link }],
      });
    },
  };
}

export interface LocalIdpOptions {
  /** The simulator's authority host (https://localhost:<port>). */
  authorityHost: string;
  tenantId: string;
  /** The `aud` the backend accepts (USER_TOKEN_AUDIENCE; the local SSO app id by default). */
  audience: string;
  fetch?: typeof fetch;
}

const TokenAnswer = z.object({ access_token: z.string().min(1) });

/** LOCAL IDENTITY PROVIDER: the simulator's token endpoint, for local mode only. */
export function localIdpProof(o: LocalIdpOptions): UserProofSource {
  const url = `${o.authorityHost.replace(/\/+$/, '')}/${o.tenantId}/oauth2/v2.0/token`;
  return {
    kind: 'localIdp',
    async require(ctx) {
      const user = ctx.activity.from?.aadObjectId;
      if (!user) throw new AppError('forbidden', 'the clicker has no Entra object id');
      const body = new URLSearchParams({ grant_type: LOCAL_USER_GRANT, user, audience: o.audience });
      let res: Response;
      try {
        res = await (o.fetch ?? fetch)(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(10_000) });
      } catch (e) {
        throw new AppError('unavailable', 'the local identity provider could not be reached', { cause: e });
      }
      const parsed = TokenAnswer.safeParse(await res.json().catch(() => null));
      if (!res.ok || !parsed.success) throw new AppError('forbidden', `the local identity provider gave no token (${res.status})`);
      return parsed.data.access_token;
    },
  };
}
