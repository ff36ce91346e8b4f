/** The demo page: who the Playground is, everyone it can be with their story, and the two demo actions. */
import type { Persona } from './personas';
import type { DemoState } from './service';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ROLE_TITLE: Record<Persona['role'], string> = {
  approver: 'Helpdesk approvers: approve passes in the IT Helpdesk channel',
  admin: 'Helpdesk admin: runs registration campaigns in the channel',
  employee: 'Employees: each is stuck for a different reason',
};

function row(p: Persona, current: string | undefined): string {
  const me = p.id === current;
  const pass = p.role === 'employee' ? `<button type="button" data-act="use-pass" data-who="${esc(p.upn)}">${esc(p.name)} signed in with the pass</button>` : '';
  return `<tr${me ? ' class="me"' : ''}>
<td><strong>${esc(p.name)}</strong>${me ? ' <em>(the Playground now)</em>' : ''}<br><small>${esc(p.upn)}</small></td>
<td>${esc(p.story)}<br><small>Try: ${esc(p.tryThis)}</small></td>
<td><button type="button" data-act="persona" data-who="${esc(p.upn)}"${me ? ' disabled' : ''}>Be ${esc(p.name)}</button>${pass}</td>
</tr>`;
}

const SCRIPT = `
const status = document.getElementById('status');
for (const b of document.querySelectorAll('button[data-act]')) {
  b.addEventListener('click', async () => {
    const act = b.dataset.act, who = b.dataset.who;
    for (const x of document.querySelectorAll('button')) x.disabled = true;
    status.textContent = act === 'persona' ? 'Restarting the Playground as ' + who + '…' : 'Marking the pass used and checking it now…';
    try {
      const res = await fetch('/demo/api/' + act, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ who }) });
      const body = await res.json();
      if (!res.ok) { status.textContent = body.error || ('Failed: HTTP ' + res.status); for (const x of document.querySelectorAll('button')) x.disabled = false; return; }
      if (act === 'persona') { status.textContent = 'You are now ' + body.current.name + '. Reload the Playground tab.'; setTimeout(() => location.reload(), 1500); }
      else { status.textContent = 'Done: the pass is marked used. ' + (body.report && body.report.redacted > 0 ? 'The pass message in the chat now says it was used.' : 'The pass message changes at the next check (within a minute).'); for (const x of document.querySelectorAll('button')) x.disabled = false; }
    } catch (e) { status.textContent = String(e); for (const x of document.querySelectorAll('button')) x.disabled = false; }
  });
}`;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
table{border-collapse:collapse;width:100%;margin-bottom:24px}td{border-top:1px solid #ddd;padding:8px;vertical-align:top}
tr.me{background:#eef6ff}button{margin:2px 4px 2px 0;padding:4px 10px;cursor:pointer}small{color:#555}
#status{padding:8px;background:#fff7d6;min-height:1.4em}`;

export function renderDemoPage(state: DemoState, nonce: string): string {
  const current = state.current?.id;
  const groups = (['approver', 'admin', 'employee'] as const)
    .map((role) => {
      const people = state.personas.filter((p) => p.role === role);
      return people.length === 0 ? '' : `<h2>${esc(ROLE_TITLE[role])}</h2>\n<table>${people.map((p) => row(p, current)).join('\n')}</table>`;
    })
    .join('\n');
  const playground = state.playgroundUrl
    ? `<p>The Playground: <a href="${esc(state.playgroundUrl)}" target="_blank" rel="noopener">${esc(state.playgroundUrl)}</a>. You are <strong>${esc(state.current?.name ?? '-')}</strong>.</p>`
    : '<p>The Agents Playground is off (PLAYGROUND=false).</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>MFA Helper demo: who are you?</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body>
<h1>MFA Helper demo: who are you?</h1>
${playground}
<p>"Be …" restarts the Playground as that person (a few seconds); then reload the Playground tab. The bot keeps
everything (requests, passes, the helpdesk channel); the Playground shows only the chats of the person it is, so
its chat history starts empty, open pass requests are posted to the channel again, and a pass waiting for
someone's chat is delivered when you become them. "… signed in with the pass" marks that person's Temporary
Access Pass used in the Graph simulator (as Entra does after a sign-in) and runs the bot's pass check now:
the pass message in their chat is replaced by one that says it was used. Full walk-through: docs/demo.md.</p>
<p id="status" role="status"></p>
${groups}
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>`;
}
