/** Route table entries: path pattern, the app roles that grant access, and the handler. */
import type { Workload } from './budgets';
import type { GraphContext, GraphRequest, GraphResponse } from './types';
import { JSON_CONTENT_TYPE } from './errors';

export type Params = Record<string, string>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. "/users/{user}/authentication/{collection}"; literal segments match case-insensitively. */
  pattern: string;
  /** Alternatives; each alternative is a set of roles that must all be present. */
  roles: string[][] | ((params: Params) => string[][]);
  /** Which 403 a caller without the roles gets. */
  denial: 'directory' | 'authMethods' | 'pim';
  /** Needs an Entra ID P1/P2 tenant (sign-in logs, registration report). */
  premium?: boolean;
  workload?: Workload;
  handle(ctx: GraphContext, req: GraphRequest, params: Params): GraphResponse;
}

export const ok = (body: unknown): GraphResponse => ({ status: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body });
export const created = (body: unknown): GraphResponse => ({ status: 201, headers: { 'content-type': JSON_CONTENT_TYPE }, body });
export const noContent = (): GraphResponse => ({ status: 204, headers: {} });

/** Shorthand: any one of these roles suffices. */
export const anyOf = (...roles: string[]): string[][] => roles.map((r) => [r]);

const splitCache = new Map<string, string[]>();
function splitPattern(pattern: string): string[] {
  let parts = splitCache.get(pattern);
  if (!parts) {
    parts = pattern.split('/').filter(Boolean);
    splitCache.set(pattern, parts);
  }
  return parts;
}

export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]): { route: Route; params: Params } | { methodMismatch: boolean } {
  let methodMismatch = false;
  for (const route of routes) {
    const pattern = splitPattern(route.pattern);
    if (pattern.length !== segments.length) continue;
    const params: Params = {};
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i++) {
      const p = pattern[i] ?? '';
      const s = segments[i] ?? '';
      if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = s;
      else matched = p.toLowerCase() === s.toLowerCase();
    }
    if (!matched) continue;
    if (route.method !== method) { methodMismatch = true; continue; }
    return { route, params };
  }
  return { methodMismatch };
}
