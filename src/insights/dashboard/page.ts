/**
 * The dashboard page: static HTML (no data in it) whose script reads the link token from the URL
 * fragment (never sent to servers or logs) or, as the app's Teams tab, asks Teams for the person's
 * SSO token through the documented `microsoftTeams` global (TeamsJS v2:
 * `app.initialize()` then `authentication.getAuthToken()`), fetches /admin/insights.json with it as
 * a bearer token, and draws the numbers with Chart.js (served from the app's own node_modules). Every chart
 * has a table beside it with the same numbers, so nothing depends on seeing colour or a canvas.
 */
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageOptions {
  /** Served as the Teams personal tab: get a Teams SSO token when the page runs inside Teams. */
  tab?: boolean;
  /** TeamsJS is served by the app (/admin/assets/teams.js). */
  teamsJs?: boolean;
}

export function renderDashboardPage(nonce: string, opts: PageOptions = {}): string {
  const n = escapeHtml(nonce);
  const teamsScript = opts.teamsJs ? `<script src="/admin/assets/teams.js" nonce="${n}"></script>\n` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MFA Helper insights</title>
<style nonce="${n}">
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f5f5f5;color:#1b1b1b}
header{background:#1f3864;color:#fff;padding:1rem 1.5rem}h1{margin:0;font-size:1.4rem}
main{padding:1rem 1.5rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}main[hidden]{display:none}
section{background:#fff;border-radius:6px;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.12)}
h2{font-size:1.05rem;margin:0 0 .6rem}.kpis{display:flex;gap:1.5rem;flex-wrap:wrap}.kpi strong{display:block;font-size:1.8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin-top:.6rem}td,th{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #ddd}
#status{padding:1rem 1.5rem}.warn{color:#8a1c1c;font-weight:600}
</style></head>
<body><header><h1>MFA Helper insights</h1><p id="window"></p></header>
<div id="status" role="status">Loading…</div>
<main id="main" hidden>
<section aria-labelledby="h-outcomes"><h2 id="h-outcomes">Rescues and outcomes</h2>
<div class="kpis"><div class="kpi"><strong id="k-rescues"></strong>rescues</div><div class="kpi"><strong id="k-deflection"></strong>fixed without the helpdesk</div><div class="kpi"><strong id="k-ttf"></strong>median time to fix</div><div class="kpi"><strong id="k-stayed"></strong>stayed fixed (asked a day later)</div></div>
<canvas id="c-outcomes" aria-label="Outcomes of rescues" role="img"></canvas><table id="t-outcomes"></table></section>
<section aria-labelledby="h-findings"><h2 id="h-findings">Root causes</h2><canvas id="c-findings" aria-label="Root causes by frequency" role="img"></canvas><table id="t-findings"></table></section>
<section aria-labelledby="h-passes"><h2 id="h-passes">Temporary Access Passes</h2><canvas id="c-passes" aria-label="Passes issued per approver" role="img"></canvas><table id="t-passes"></table><ul id="anomalies"></ul></section>
<section aria-labelledby="h-campaigns"><h2 id="h-campaigns">Campaigns</h2><table id="t-campaigns"></table></section>
<section aria-labelledby="h-shadow"><h2 id="h-shadow">Evaluation mode: what would have happened</h2><table id="t-shadow"></table></section>
</main>
${teamsScript}<script src="/admin/assets/chart.umd.js" nonce="${n}"></script>
<script nonce="${n}">
(function(){
  var TAB=${opts.tab ? 'true' : 'false'};
  var link=new URLSearchParams(location.hash.slice(1)).get('t');
  var status=document.getElementById('status');
  /* The signed link first; inside Teams (the tab) the person's SSO token; else nothing. */
  function getToken(){
    if(link){return Promise.resolve(link);}
    var teams=window.microsoftTeams;
    if(!TAB||!teams||!teams.app||!teams.authentication){return Promise.resolve(null);}
    return teams.app.initialize().then(function(){return teams.authentication.getAuthToken();}).catch(function(){throw new Error('Teams could not sign you in to this tab. Ask the bot for a link instead ("insights" in the helpdesk channel).');});
  }
  function rows(id,head,data){var t=document.getElementById(id);t.textContent='';var tr=t.insertRow();head.forEach(function(h){var th=document.createElement('th');th.textContent=h;tr.appendChild(th);});data.forEach(function(r){var row=t.insertRow();r.forEach(function(c){row.insertCell().textContent=String(c);});});}
  function bar(id,labels,values,label){return new Chart(document.getElementById(id),{type:'bar',data:{labels:labels,datasets:[{label:label,data:values,backgroundColor:'#2f5597'}]},options:{animation:false,plugins:{legend:{display:false}},scales:{y:{beginAtZero:true,ticks:{precision:0}}}}});}
  var since=new URLSearchParams(location.search).get('since');
  getToken().then(function(token){
    if(!token){throw new Error(TAB?'Open this page as the MFA Helper tab in Teams, or ask the bot for a link ("insights" in the helpdesk channel).':'This link is incomplete. Ask the bot for a new one ("insights" in the helpdesk channel).');}
    return fetch('/admin/insights.json'+(since?'?since='+encodeURIComponent(since):''),{headers:{authorization:'Bearer '+token}});
  }).then(function(r){
    if(r.status===401){throw new Error(link?'This link has expired or is not valid. Ask the bot for a new one.':'Your Teams sign-in was not accepted. Reopen the tab, or ask the bot for a link.');}
    if(r.status===403){throw new Error('Only helpdesk approvers can see these numbers.');}
    if(!r.ok){throw new Error('The numbers could not be loaded (HTTP '+r.status+'). Try again in a minute.');}
    return r.json();
  }).then(function(d){
    document.getElementById('window').textContent=(d.window.since?'Since '+d.window.since.slice(0,10):'All time')+' · as of '+d.window.until.replace('T',' ').slice(0,16)+' UTC';
    document.getElementById('k-rescues').textContent=d.rescues;
    document.getElementById('k-deflection').textContent=d.deflectionRate===null?'n/a':Math.round(d.deflectionRate*100)+' %';
    document.getElementById('k-ttf').textContent=d.timeToFixMinutes.median===null?'n/a':d.timeToFixMinutes.median+' min';
    var o=d.outcomes,names={fixed:'Fixed by the employee',fixed_after_cleanup:'Fixed after a device clean-up',pass_issued:'Pass issued',escalated:'Escalated, no pass',abandoned:'Abandoned',open:'Still open'};
    var keys=Object.keys(names);
    bar('c-outcomes',keys.map(function(k){return names[k];}),keys.map(function(k){return o[k];}),'Rescues');
    rows('t-outcomes',['Outcome','Rescues'],keys.map(function(k){return [names[k],o[k]];}));
    var f=d.findings.slice(0,10);
    bar('c-findings',f.map(function(x){return x.code;}),f.map(function(x){return x.count;}),'Rescues');
    rows('t-findings',['Root cause','Rescues'],f.map(function(x){return [x.code,x.count];}));
    var p=d.passes.perApprover;
    bar('c-passes',p.map(function(x){return x.approver;}),p.map(function(x){return x.count;}),'Passes');
    rows('t-passes',['Approver','Passes'],p.map(function(x){return [x.approver,x.count];}));
    var ul=document.getElementById('anomalies');
    d.passes.anomalies.forEach(function(a){var li=document.createElement('li');li.className='warn';li.textContent=a.kind==='approver_volume'?'Needs attention: approver '+a.approver+' issued '+a.count+' passes, over twice the typical approver':'Needs attention: pass for '+a.subject+' whose account carried risk ('+(a.signals||[]).join(', ')+')';ul.appendChild(li);});
    var sf=d.stayedFixed;document.getElementById('k-stayed').textContent=sf.rate===null?'n/a':Math.round(sf.rate*100)+' % of '+sf.answered;
    var sh=d.shadow;rows('t-shadow',['Would have','Count'],[['Passes issued',sh.passesWouldIssue],['Devices removed',sh.devicesWouldDelete],['Campaign runs (report only)',sh.campaignReports]].concat(sh.perApprover.map(function(x){return ['Passes approved by '+x.approver,x.count];})));
    rows('t-campaigns',['Campaign','Status','Created'],d.campaigns.map(function(c){return [c.name,c.status,c.createdAt.slice(0,10)];}));
    status.textContent='Loaded.';document.getElementById('main').hidden=false;
  }).catch(function(e){status.textContent=e.message;status.className='warn';});
})();
</script></body></html>`;
}
