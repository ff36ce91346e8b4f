/**
 * Authentication methods (§2, §3): the polymorphic /authentication/methods list, each typed
 * collection (GET list, GET one, DELETE one) and TAP creation.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { methodConfiguration } from '../../tenant/membership';
import { TAP_TYPE, generatePass, tapView } from '../../tenant/tap';
import type { JsonObject, SimUser } from '../../types';
import { contextUrl } from '../odata';
import { anyOf, created, noContent, ok, type Params, type Route } from '../route';
import { GraphFault, badRequest, type GraphContext, type GraphRequest } from '../types';
import { publicView, requireUser } from './common';

/** Typed collection (lower-cased) → method type (undefined = every method). */
const COLLECTIONS: Record<string, string | undefined> = {
  methods: undefined,
  passwordmethods: 'passwordAuthenticationMethod',
  phonemethods: 'phoneAuthenticationMethod',
  emailmethods: 'emailAuthenticationMethod',
  microsoftauthenticatormethods: 'microsoftAuthenticatorAuthenticationMethod',
  softwareoathmethods: 'softwareOathAuthenticationMethod',
  fido2methods: 'fido2AuthenticationMethod',
  windowshelloforbusinessmethods: 'windowsHelloForBusinessAuthenticationMethod',
  platformcredentialmethods: 'platformCredentialAuthenticationMethod',
  temporaryaccesspassmethods: 'temporaryAccessPassAuthenticationMethod',
};

const isTapCollection = (p: Params) => (p.collection ?? '').toLowerCase() === 'temporaryaccesspassmethods';
/** The per-method passkey permissions (entra-graph-2026.md §16.3) cover /fido2Methods only. */
const isPasskeyCollection = (p: Params) => (p.collection ?? '').toLowerCase() === 'fido2methods';
const readRoles = (p: Params) =>
  anyOf(
    'UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All',
    ...(isTapCollection(p) ? ['UserAuthMethod-TAP.Read.All', 'UserAuthMethod-TAP.ReadWrite.All'] : []),
    ...(isPasskeyCollection(p) ? ['UserAuthMethod-Passkey.Read.All', 'UserAuthMethod-Passkey.ReadWrite.All'] : []),
  );
/** The per-method write permission of each typed collection (entra-graph-2026.md §21.4). */
const TYPED_WRITE: Record<string, string> = {
  phonemethods: 'UserAuthMethod-Phone.ReadWrite.All',
  emailmethods: 'UserAuthMethod-Email.ReadWrite.All',
  microsoftauthenticatormethods: 'UserAuthMethod-MicrosoftAuthApp.ReadWrite.All',
  softwareoathmethods: 'UserAuthMethod-SoftwareOATH.ReadWrite.All',
  fido2methods: 'UserAuthMethod-Passkey.ReadWrite.All',
  windowshelloforbusinessmethods: 'UserAuthMethod-WindowsHello.ReadWrite.All',
  platformcredentialmethods: 'UserAuthMethod-PlatformCred.ReadWrite.All',
  temporaryaccesspassmethods: 'UserAuthMethod-TAP.ReadWrite.All',
};
const writeRoles = (p: Params) => {
  const typed = TYPED_WRITE[(p.collection ?? '').toLowerCase()];
  return anyOf('UserAuthenticationMethod.ReadWrite.All', ...(typed ? [typed] : []));
};

function collectionType(name: string | undefined): string | undefined {
  const key = (name ?? '').toLowerCase();
  if (!(key in COLLECTIONS)) throw new GraphFault(404, 'NotFound', `Resource not found for the segment '${name ?? ''}'.`);
  return COLLECTIONS[key];
}

function render(ctx: GraphContext, user: SimUser, m: JsonObject): JsonObject {
  return m['@odata.type'] === TAP_TYPE ? tapView(ctx.tenant, ctx.membership, user, m, ctx.clock.now()) : publicView(m);
}

function methodsOf(user: SimUser, type: string | undefined): JsonObject[] {
  return type === undefined ? user.methods : user.methods.filter((m) => m['@odata.type'] === `#microsoft.graph.${type}`);
}

function findMethod(user: SimUser, type: string | undefined, id: string | undefined): JsonObject {
  const m = methodsOf(user, type).find((x) => String(x.id).toLowerCase() === (id ?? '').toLowerCase());
  if (!m) throw new GraphFault(404, 'itemNotFound', `The requested authentication method '${id ?? ''}' was not found.`);
  return m;
}

function list(ctx: GraphContext, req: GraphRequest, p: Params) {
  const type = collectionType(p.collection);
  const user = requireUser(ctx, p.user);
  return ok({
    '@odata.context': contextUrl(ctx, `users('${encodeURIComponent(p.user ?? '')}')/authentication/${p.collection ?? ''}`),
    value: methodsOf(user, type).map((m) => render(ctx, user, m)),
  });
}

function deleteMethod(ctx: GraphContext, p: Params) {
  const type = collectionType(p.collection);
  const user = requireUser(ctx, p.user);
  const m = findMethod(user, type, p.method);
  if (m['@odata.type'] === '#microsoft.graph.passwordAuthenticationMethod') throw badRequest('The password authentication method cannot be deleted.', 'badRequest');
  if (m.phoneType === 'mobile' && user.methods.some((x) => x.phoneType === 'alternateMobile')) {
    throw badRequest('The mobile phone method cannot be deleted while an alternate mobile phone method exists.', 'badRequest');
  }
  user.methods = user.methods.filter((x) => x !== m);
  user.revision++;
  return noContent();
}

const TapBody = z
  .object({
    startDateTime: z.string().datetime({ offset: true }).optional(),
    lifetimeInMinutes: z.number().int().optional(),
    isUsableOnce: z.boolean().optional(),
  })
  .passthrough();

const num = (v: unknown, def: number) => (typeof v === 'number' ? v : def);

function createTap(ctx: GraphContext, req: GraphRequest, p: Params) {
  const user = requireUser(ctx, p.user);
  const body = TapBody.safeParse(req.body ?? {});
  if (!body.success) throw badRequest('Invalid request body for temporaryAccessPassAuthenticationMethod.', 'badRequest');
  if (String(user.props.userType ?? '').toLowerCase() === 'guest') throw badRequest('Temporary Access Pass cannot be added to an external guest user.', 'badRequest');
  const config = methodConfiguration(ctx.tenant, 'TemporaryAccessPass');
  if (!config || !ctx.membership.isAllowed(user, config)) {
    throw badRequest('Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].', 'badRequest');
  }
  const min = num(config.minimumLifetimeInMinutes, 60);
  const max = num(config.maximumLifetimeInMinutes, 480);
  const lifetime = body.data.lifetimeInMinutes ?? num(config.defaultLifetimeInMinutes, 60);
  if (lifetime < min || lifetime > max) {
    const message = `Invalid LifetimeInMinutes specified. The valid range between ${min} and ${max}.`;
    throw new GraphFault(400, 'badRequest', message, { innerMessage: message });
  }
  const policyOnce = config.isUsableOnce === true;
  const once = body.data.isUsableOnce ?? policyOnce;
  if (policyOnce && !once) {
    throw badRequest('The Temporary Access Pass policy only allows one-time use passes. IsUsableOnce must be true.', 'badRequest');
  }
  const now = ctx.clock.now().toISOString();
  const tap: JsonObject = {
    '@odata.type': TAP_TYPE,
    id: randomUUID(),
    temporaryAccessPass: null,
    createdDateTime: now,
    startDateTime: (body.data.startDateTime === undefined ? now : new Date(body.data.startDateTime).toISOString()).replace('.000Z', 'Z'),
    lifetimeInMinutes: lifetime,
    isUsableOnce: once,
  };
  user.methods = [...user.methods.filter((m) => m['@odata.type'] !== TAP_TYPE), tap];
  user.revision++;
  const view = tapView(ctx.tenant, ctx.membership, user, tap, ctx.clock.now());
  return created({
    '@odata.context': contextUrl(ctx, `users('${user.id}')/authentication/temporaryAccessPassMethods/$entity`),
    ...view,
    temporaryAccessPass: generatePass(num(config.defaultLength, 8)),
  });
}

export const methodRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{user}/authentication/{collection}', roles: readRoles, denial: 'authMethods', handle: list },
  {
    method: 'GET', pattern: '/users/{user}/authentication/{collection}/{method}', roles: readRoles, denial: 'authMethods',
    handle: (ctx, _req, p) => {
      const user = requireUser(ctx, p.user);
      const m = findMethod(user, collectionType(p.collection), p.method);
      return ok({ '@odata.context': contextUrl(ctx, `users('${user.id}')/authentication/${p.collection ?? ''}/$entity`), ...render(ctx, user, m) });
    },
  },
  { method: 'DELETE', pattern: '/users/{user}/authentication/{collection}/{method}', roles: writeRoles, denial: 'authMethods', handle: (ctx, _req, p) => deleteMethod(ctx, p) },
  {
    method: 'POST', pattern: '/users/{user}/authentication/{collection}', roles: writeRoles, denial: 'authMethods',
    handle: (ctx, req, p) => {
      if (!isTapCollection(p)) throw new GraphFault(405, 'Request_BadRequest', 'The method is not supported for this collection in the simulator.');
      return createTap(ctx, req, p);
    },
  },
];
