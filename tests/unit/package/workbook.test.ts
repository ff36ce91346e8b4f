/**
 * The Application Insights workbook in infra/ queries only telemetry the code emits: every log
 * message it names (`message == '…'`, `message in (…)`) is written by a logger call in src/, and
 * the Bicep deploys exactly this file against the app's Application Insights.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const ROOT = resolve(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

const WorkbookSchema = z.object({
  version: z.literal('Notebook/1.0'),
  items: z.array(z.object({ type: z.number(), name: z.string(), content: z.record(z.unknown()) })),
});

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(ROOT, p)).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Log messages written in src/: the last string argument of a logger call, or a named message constant. */
function emittedMessages(): Set<string> {
  const out = new Set<string>();
  for (const file of sources('src')) {
    const text = read(file);
    for (const m of text.matchAll(/\.(?:info|warn|error|debug|fatal)\((?:[^;]*?,\s*)?'([^']+)'\)/g)) out.add(m[1] ?? '');
    for (const m of text.matchAll(/export const [A-Z_]+_EVENT = '([^']+)'/g)) out.add(m[1] ?? '');
  }
  return out;
}

function queriedMessages(query: string): string[] {
  const names: string[] = [];
  for (const m of query.matchAll(/message\s*==\s*'([^']+)'/g)) names.push(m[1] ?? '');
  for (const m of query.matchAll(/message\s+in\s*\(([^)]*)\)/g)) for (const s of (m[1] ?? '').matchAll(/'([^']+)'/g)) names.push(s[1] ?? '');
  return names;
}

describe('Application Insights workbook', () => {
  const workbook = WorkbookSchema.parse(JSON.parse(read('infra/workbooks/insights.workbook.json')));
  const queries = workbook.items.filter((i) => i.type === 3).map((i) => ({ name: i.name, query: String(i.content.query ?? '') }));
  const emitted = emittedMessages();

  it('has the charts an IT department asks for: rescues, deflection, time to fix, passes per approver, errors', () => {
    expect(queries.map((q) => q.name)).toEqual(expect.arrayContaining(['rescues-per-day', 'deflection', 'time-to-fix', 'passes-per-approver', 'errors']));
    for (const q of queries) expect(q.query).toMatch(/^traces\n/);
  });

  it('every event name it queries is a log message the code writes', () => {
    const names = queries.flatMap((q) => queriedMessages(q.query));
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(emitted.size).toBeGreaterThan(100); // the scanner finds the messages
    expect(names.filter((n) => !emitted.has(n))).toEqual([]);
  });

  it('the Bicep deploys this file against the Application Insights of the app', () => {
    const bicep = read('infra/azure.bicep');
    expect(bicep).toMatch(/resource \w+ 'Microsoft\.Insights\/workbooks@[\d-]+' = \{[\s\S]*?sourceId: appInsights\.id[\s\S]*?serializedData: loadTextContent\('workbooks\/insights\.workbook\.json'\)/);
  });
});
