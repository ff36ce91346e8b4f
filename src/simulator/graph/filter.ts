/**
 * A small OData $filter parser and evaluator: eq/ne/gt/ge/lt/le, and/or/not, parentheses,
 * startsWith/endsWith/contains, and lambda any() (e.g. methodsRegistered/any(m: m eq 'fido2')).
 * Literals: 'strings', numbers, true/false/null, unquoted ISO date-times and GUIDs.
 * String comparisons are case-insensitive (as directory $filter eq is).
 */
import type { JsonObject } from '../types';
import { badRequest } from './types';

type Literal = { type: 'string'; value: string } | { type: 'number'; value: number } | { type: 'bool'; value: boolean } | { type: 'null' } | { type: 'date'; value: number; text: string };
export type FilterExpr =
  | { k: 'and' | 'or'; l: FilterExpr; r: FilterExpr }
  | { k: 'not'; e: FilterExpr }
  | { k: 'cmp'; op: string; path: string[]; value: Literal }
  | { k: 'fn'; name: string; path: string[]; value: string }
  | { k: 'any'; path: string[]; v: string; body: FilterExpr };

type Token = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'date'; v: string } | { t: 'id'; v: string } | { t: 'punct'; v: string };

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const COMPARE = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS = ['startswith', 'endswith', 'contains'];

const invalid = (detail: string) => badRequest(`Invalid filter clause: ${detail}`);

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    const rest = src.slice(i);
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw invalid('unterminated string literal.');
        if (src.charAt(i) === "'") {
          if (src.charAt(i + 1) === "'") { v += "'"; i += 2; continue; }
          i++;
          break;
        }
        v += src.charAt(i++);
      }
      out.push({ t: 'str', v });
      continue;
    }
    if ('(),:/'.includes(c)) { out.push({ t: 'punct', v: c }); i++; continue; }
    const date = DATE.exec(rest);
    if (date) { out.push({ t: 'date', v: date[0] }); i += date[0].length; continue; }
    const guid = GUID.exec(rest);
    if (guid) { out.push({ t: 'str', v: guid[0] }); i += guid[0].length; continue; }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (ident) { out.push({ t: 'id', v: ident[0] }); i += ident[0].length; continue; }
    throw invalid(`unexpected character '${c}'.`);
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}
  private peek(): Token | undefined { return this.tokens[this.pos]; }
  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw invalid('unexpected end of expression.');
    return t;
  }
  private isWord(w: string): boolean { const t = this.peek(); return t?.t === 'id' && t.v.toLowerCase() === w; }
  private isPunct(p: string): boolean { const t = this.peek(); return t?.t === 'punct' && t.v === p; }
  private isOpenAt(i: number): boolean { const t = this.tokens[i]; return t?.t === 'punct' && t.v === '('; }
  private expect(p: string): void { const t = this.next(); if (t.t !== 'punct' || t.v !== p) throw invalid(`expected '${p}'.`); }

  parse(): FilterExpr {
    const e = this.or();
    if (this.peek()) throw invalid('unexpected trailing tokens.');
    return e;
  }
  private or(): FilterExpr {
    let l = this.and();
    while (this.isWord('or')) { this.pos++; l = { k: 'or', l, r: this.and() }; }
    return l;
  }
  private and(): FilterExpr {
    let l = this.unary();
    while (this.isWord('and')) { this.pos++; l = { k: 'and', l, r: this.unary() }; }
    return l;
  }
  private unary(): FilterExpr {
    if (this.isWord('not')) { this.pos++; return { k: 'not', e: this.unary() }; }
    if (this.isPunct('(')) { this.pos++; const e = this.or(); this.expect(')'); return e; }
    const t = this.peek();
    if (t?.t === 'id' && FUNCTIONS.includes(t.v.toLowerCase()) && this.tokens[this.pos + 1]?.t === 'punct') {
      this.pos += 1;
      this.expect('(');
      const path = this.path();
      this.expect(',');
      const lit = this.next();
      if (lit.t !== 'str') throw invalid(`${t.v} needs a string literal.`);
      this.expect(')');
      return { k: 'fn', name: t.v.toLowerCase(), path, value: lit.v };
    }
    const path = this.path();
    if (this.isPunct('/')) {
      this.pos++;
      const fn = this.next();
      if (fn.t !== 'id' || fn.v.toLowerCase() !== 'any') throw invalid('only any() lambdas are supported.');
      this.expect('(');
      const v = this.next();
      if (v.t !== 'id') throw invalid('expected a lambda variable.');
      this.expect(':');
      const body = this.or();
      this.expect(')');
      return { k: 'any', path, v: v.v, body };
    }
    const op = this.next();
    if (op.t !== 'id' || !COMPARE.includes(op.v.toLowerCase())) throw invalid(`expected a comparison operator after '${path.join('/')}'.`);
    return { k: 'cmp', op: op.v.toLowerCase(), path, value: this.literal() };
  }
  private path(): string[] {
    const first = this.next();
    if (first.t !== 'id') throw invalid('expected a property name.');
    const parts = [first.v];
    while (this.isPunct('/') && this.tokens[this.pos + 1]?.t === 'id' && !this.isOpenAt(this.pos + 2)) {
      const seg = this.tokens[this.pos + 1];
      if (seg?.t !== 'id') break;
      parts.push(seg.v);
      this.pos += 2;
    }
    return parts;
  }
  private literal(): Literal {
    const t = this.next();
    if (t.t === 'str') return { type: 'string', value: t.v };
    if (t.t === 'num') return { type: 'number', value: t.v };
    if (t.t === 'date') return { type: 'date', value: Date.parse(t.v), text: t.v };
    if (t.t === 'id') {
      const w = t.v.toLowerCase();
      if (w === 'true' || w === 'false') return { type: 'bool', value: w === 'true' };
      if (w === 'null') return { type: 'null' };
    }
    throw invalid('expected a literal value.');
  }
}

/** Parses and validates property names (root of each path) with `isKnown`. */
export function parseFilter(src: string, isKnown: (root: string) => boolean, typeName: string): FilterExpr {
  const expr = new Parser(lex(src)).parse();
  const check = (e: FilterExpr, vars: string[]): void => {
    if ('l' in e) { check(e.l, vars); check(e.r, vars); return; }
    if (e.k === 'not') { check(e.e, vars); return; }
    const root = e.path[0] ?? '';
    if (!vars.includes(root) && !isKnown(root)) throw badRequest(`Could not find a property named '${root}' on type '${typeName}'.`);
    if (e.k === 'any') check(e.body, [...vars, e.v]);
  };
  check(expr, []);
  return expr;
}

function resolvePath(obj: unknown, path: string[], scope: Record<string, unknown>): unknown {
  const [root, ...rest] = path;
  let cur: unknown = root !== undefined && root in scope ? scope[root] : typeof obj === 'object' && obj !== null && root !== undefined ? (obj as JsonObject)[root] : undefined;
  for (const p of rest) cur = typeof cur === 'object' && cur !== null ? (cur as JsonObject)[p] : undefined;
  return cur;
}

function compare(op: string, actual: unknown, lit: Literal): boolean {
  if (lit.type === 'null') return op === 'eq' ? actual == null : op === 'ne' ? actual != null : false;
  if (actual == null) return op === 'ne';
  let a: number | string | boolean;
  let b: number | string | boolean;
  if (lit.type === 'date') {
    a = typeof actual === 'string' ? Date.parse(actual) : NaN;
    b = lit.value;
    if (Number.isNaN(a)) return false;
  } else if (lit.type === 'string') {
    a = String(actual).toLowerCase();
    b = lit.value.toLowerCase();
  } else {
    a = actual as number | boolean;
    b = lit.value;
  }
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'gt': return a > b;
    case 'ge': return a >= b;
    case 'lt': return a < b;
    case 'le': return a <= b;
    default: return false;
  }
}

export function evaluate(e: FilterExpr, obj: unknown, scope: Record<string, unknown> = {}): boolean {
  switch (e.k) {
    case 'and': return evaluate(e.l, obj, scope) && evaluate(e.r, obj, scope);
    case 'or': return evaluate(e.l, obj, scope) || evaluate(e.r, obj, scope);
    case 'not': return !evaluate(e.e, obj, scope);
    case 'cmp': return compare(e.op, resolvePath(obj, e.path, scope), e.value);
    case 'fn': {
      const v = resolvePath(obj, e.path, scope);
      if (typeof v !== 'string') return false;
      const a = v.toLowerCase();
      const b = e.value.toLowerCase();
      return e.name === 'startswith' ? a.startsWith(b) : e.name === 'endswith' ? a.endsWith(b) : a.includes(b);
    }
    case 'any': {
      const list = resolvePath(obj, e.path, scope);
      return Array.isArray(list) && list.some((item) => evaluate(e.body, obj, { ...scope, [e.v]: item }));
    }
  }
}

/** Top-level conjuncts (the whole expression when it is not an and-chain). */
export function conjuncts(e: FilterExpr): FilterExpr[] {
  return e.k === 'and' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e];
}

/** The string value of a top-level `prop eq '...'` conjunct. */
export function equalityOn(e: FilterExpr, prop: string): string | undefined {
  for (const c of conjuncts(e)) {
    if (c.k === 'cmp' && c.op === 'eq' && c.path.length === 1 && c.path[0]?.toLowerCase() === prop.toLowerCase() && c.value.type === 'string') return c.value.value;
  }
  return undefined;
}
