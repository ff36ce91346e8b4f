/** Splits a Graph URL (path without /v1.0, plus query) into decoded segments and OData options. */
export interface ParsedGraphUrl {
  path: string;
  rawPath: string;
  segments: string[];
  query: URLSearchParams;
}

export function parseGraphUrl(relative: string): ParsedGraphUrl | undefined {
  const q = relative.indexOf('?');
  const rawPath = q < 0 ? relative : relative.slice(0, q);
  const search = q < 0 ? '' : relative.slice(q + 1);
  try {
    const segments = rawPath.split('/').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
    return { path: `/${segments.join('/')}`, rawPath, segments, query: new URLSearchParams(search) };
  } catch {
    return undefined;
  }
}
