/**
 * Policies and protection: authentication methods policy (§4, configurations inline with their
 * @odata.context annotations), device registration policy (§5.3), Conditional Access policies and
 * named locations (§7), risky users (Identity Protection).
 */
import { methodConfiguration } from '../../tenant/membership';
import type { JsonObject } from '../../types';
import { contextUrl } from '../odata';
import { anyOf, ok, type Route } from '../route';
import { GraphFault, notFound, type GraphContext } from '../types';
import { requireUser } from './common';

const METHODS_POLICY = anyOf('Policy.Read.AuthenticationMethod', 'Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod');
const DEVICE_POLICY = anyOf('Policy.Read.DeviceConfiguration', 'Policy.Read.All', 'Policy.ReadWrite.DeviceConfiguration');
const CA = anyOf('Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess');
const RISK = anyOf('IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All');

function withTargetsContext(ctx: GraphContext, config: JsonObject): JsonObject {
  const type = String(config['@odata.type'] ?? '').replace(/^#/, '');
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'includeTargets') {
      out['includeTargets@odata.context'] = contextUrl(ctx, `policies/authenticationMethodsPolicy/authenticationMethodConfigurations('${String(config.id)}')/${type}/includeTargets`);
    }
    out[k] = v;
  }
  return out;
}

function methodsPolicy(ctx: GraphContext): JsonObject {
  const { authenticationMethodConfigurations: configs, ...rest } = ctx.tenant.authenticationMethodsPolicy;
  return {
    '@odata.context': contextUrl(ctx, 'authenticationMethodsPolicy'),
    ...rest,
    'authenticationMethodConfigurations@odata.context': contextUrl(ctx, 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations'),
    authenticationMethodConfigurations: (Array.isArray(configs) ? (configs as JsonObject[]) : []).map((c) => withTargetsContext(ctx, c)),
  };
}

function byId(list: JsonObject[], id: string | undefined): JsonObject {
  const found = list.find((x) => String(x.id).toLowerCase() === (id ?? '').toLowerCase());
  if (!found) throw notFound(id ?? '');
  return found;
}

function riskyUser(ctx: GraphContext, key: string | undefined): JsonObject {
  const user = requireUser(ctx, key);
  if (!user.risk) throw new GraphFault(404, 'ResourceNotFound', `Resource '${user.id}' does not exist or one of its queried reference-property objects are not present.`);
  const level = String(user.risk.riskLevel);
  return {
    '@odata.context': contextUrl(ctx, 'identityProtection/riskyUsers/$entity'),
    id: user.id,
    isDeleted: false,
    isProcessing: false,
    riskLastUpdatedDateTime: null,
    riskState: level === 'none' ? 'none' : 'atRisk',
    riskDetail: 'none',
    userDisplayName: user.props.displayName ?? null,
    userPrincipalName: user.upn,
    ...user.risk,
  };
}

export const policyRoutes: Route[] = [
  { method: 'GET', pattern: '/policies/authenticationMethodsPolicy', roles: METHODS_POLICY, denial: 'directory', handle: (ctx) => ok(methodsPolicy(ctx)) },
  {
    method: 'GET', pattern: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{config}', roles: METHODS_POLICY, denial: 'directory',
    handle: (ctx, _req, p) => {
      const config = methodConfiguration(ctx.tenant, p.config ?? '');
      if (!config) throw new GraphFault(404, 'NotFound', `Authentication method configuration '${p.config ?? ''}' was not found.`);
      return ok({ '@odata.context': contextUrl(ctx, 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity'), ...withTargetsContext(ctx, config) });
    },
  },
  {
    method: 'GET', pattern: '/policies/deviceRegistrationPolicy', roles: DEVICE_POLICY, denial: 'directory',
    handle: (ctx) => ok({ '@odata.context': contextUrl(ctx, 'deviceRegistrationPolicy'), ...ctx.tenant.deviceRegistrationPolicy }),
  },
  {
    method: 'GET', pattern: '/identity/conditionalAccess/policies', roles: CA, denial: 'directory', workload: 'ca',
    handle: (ctx) => ok({ '@odata.context': contextUrl(ctx, 'identity/conditionalAccess/policies'), value: ctx.tenant.conditionalAccessPolicies }),
  },
  {
    method: 'GET', pattern: '/identity/conditionalAccess/policies/{id}', roles: CA, denial: 'directory', workload: 'ca',
    handle: (ctx, _req, p) => ok({ '@odata.context': contextUrl(ctx, 'identity/conditionalAccess/policies/$entity'), ...byId(ctx.tenant.conditionalAccessPolicies, p.id) }),
  },
  {
    method: 'GET', pattern: '/identity/conditionalAccess/namedLocations', roles: CA, denial: 'directory', workload: 'ca',
    handle: (ctx) => ok({ '@odata.context': contextUrl(ctx, 'identity/conditionalAccess/namedLocations'), value: ctx.tenant.namedLocations }),
  },
  {
    method: 'GET', pattern: '/identity/conditionalAccess/namedLocations/{id}', roles: CA, denial: 'directory', workload: 'ca',
    handle: (ctx, _req, p) => ok({ '@odata.context': contextUrl(ctx, 'identity/conditionalAccess/namedLocations/$entity'), ...byId(ctx.tenant.namedLocations, p.id) }),
  },
  { method: 'GET', pattern: '/identityProtection/riskyUsers/{user}', roles: RISK, denial: 'directory', workload: 'ca', handle: (ctx, _req, p) => ok(riskyUser(ctx, p.user)) },
];
