/**
 * The self-check page's script, as a string served inline (with the response's CSP nonce).
 *
 * It MUST stay ES5 (no let/const, arrow functions, template literals, classes, Promise-only
 * code paths, Date.now, addEventListener, textContent-only APIs...) so that an old browser runs far
 * enough to report its user agent: tests/integration/checkpage/pageScript.test.ts parses it as
 * ECMAScript 5. Modern APIs (fetch, AbortController, PublicKeyCredential, userAgentData) are
 * feature-tested before use. No template literals or "${" inside: this is a TS template string.
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var doc = document;
  function el(id) { return doc.getElementById(id); }
  function setText(node, text) {
    if (!node) return;
    if ('textContent' in node) node.textContent = text; else node.innerText = text;
  }
  function now() { return new Date().getTime(); }
  function show(id) { var n = el(id); if (n) n.className = n.className.replace(/\bhidden\b/g, ''); }
  function status(text) { setText(el('status'), text); }
  // The page's words (locales/<locale>.json checkPage.*), from the config block; {name} placeholders.
  var T = {};
  function t(key, values) {
    var s = typeof T[key] === 'string' ? T[key] : key;
    if (values) for (var k in values) if (Object.prototype.hasOwnProperty.call(values, k)) s = s.split('{' + k + '}').join(String(values[k]));
    return s;
  }
  function mark(name, state, text) {
    var row = el('c-' + name);
    if (row) row.className = 'check ' + state;
    var words = T.states || {};
    setText(el('c-' + name + '-state'), words[state] || state);
    setText(el('c-' + name + '-detail'), text);
  }

  // "Microsoft Edge 142 on Windows" from the brands (Chromium browsers) or the user-agent string.
  function browserName(uad, ua) {
    var names = { 'Microsoft Edge': 1, 'Google Chrome': 1, 'Opera': 1, 'Brave': 1, 'Vivaldi': 1, 'Samsung Internet': 1 };
    var found = null, chromium = null;
    if (uad && uad.brands) {
      for (var i = 0; i < uad.brands.length; i++) {
        var br = uad.brands[i];
        if (names[br.brand]) found = br.brand + ' ' + br.version;
        else if (br.brand === 'Chromium') chromium = 'Chromium ' + br.version;
      }
    }
    var m;
    if (!found && (m = /Edg(?:e|A|iOS)?\/(\d+)/.exec(ua))) found = 'Microsoft Edge ' + m[1];
    if (!found && (m = /(?:OPR|Opera)\/(\d+)/.exec(ua))) found = 'Opera ' + m[1];
    if (!found && (m = /(?:Firefox|FxiOS)\/(\d+)/.exec(ua))) found = 'Firefox ' + m[1];
    if (!found && (m = /(?:Chrome|CriOS)\/(\d+)/.exec(ua))) found = (chromium && !/Chrome\//.test(ua) ? chromium : (/HeadlessChrome|Chromium\//.test(ua) ? 'Chromium ' : 'Google Chrome ') + m[1]);
    if (!found && (m = /Version\/(\d+(?:\.\d+)?).*Safari\//.exec(ua))) found = 'Safari ' + m[1];
    if (!found && (m = /(?:MSIE |Trident\/.*rv:)(\d+)/.exec(ua))) found = 'Internet Explorer ' + m[1];
    if (!found) found = chromium || t('unknownBrowser');
    var os = uad && uad.platform ? String(uad.platform) : '';
    if (!os) {
      if (/Windows/.test(ua)) os = 'Windows'; else if (/iPhone|iPad|iPod/.test(ua)) os = 'iOS'; else if (/Android/.test(ua)) os = 'Android';
      else if (/Mac OS X/.test(ua)) os = 'macOS'; else if (/CrOS/.test(ua)) os = 'ChromeOS'; else if (/Linux/.test(ua)) os = 'Linux';
    }
    return os ? t('browserOn', { browser: found, os: os }) : found;
  }

  var cfg = null;
  try {
    var cfgNode = el('cfg');
    cfg = window.JSON ? JSON.parse(cfgNode.text || cfgNode.innerHTML) : null;
  } catch (e) { cfg = null; }
  if (!cfg || !window.XMLHttpRequest) {
    status(el('status').getAttribute('data-too-old') || '');
    return;
  }

  T = cfg.text || {};
  show('checks');
  status(t('checking'));
  var startedAt = now();
  var results = {
    userAgent: String(navigator.userAgent || '').slice(0, 2000),
    webauthn: { available: false },
    cookies: false, localStorage: false, sessionStorage: false,
    clientTime: startedAt,
    probes: []
  };

  // 1. Browser
  var uad = navigator.userAgentData;
  if (uad && uad.brands) {
    var brands = [];
    for (var b = 0; b < uad.brands.length && b < 20; b++) {
      brands.push({ brand: String(uad.brands[b].brand).slice(0, 100), version: String(uad.brands[b].version).slice(0, 50) });
    }
    results.userAgentData = { brands: brands, mobile: !!uad.mobile, platform: String(uad.platform || '').slice(0, 100) };
  }
  mark('browser', 'info', browserName(uad, results.userAgent));

  // 2. Cookies and storage
  try {
    doc.cookie = 'mfa_check=1; path=/; SameSite=Strict';
    results.cookies = navigator.cookieEnabled !== false && doc.cookie.indexOf('mfa_check=1') !== -1;
    doc.cookie = 'mfa_check=; path=/; SameSite=Strict; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  } catch (e) { results.cookies = false; }
  function storageWorks(name) {
    try {
      var s = window[name];
      s.setItem('mfa_check', '1');
      var ok = s.getItem('mfa_check') === '1';
      s.removeItem('mfa_check');
      return ok;
    } catch (e) { return false; }
  }
  results.localStorage = storageWorks('localStorage');
  results.sessionStorage = storageWorks('sessionStorage');
  if (results.cookies && results.localStorage && results.sessionStorage) mark('storage', 'ok', t('storageOk'));
  else mark('storage', 'bad', t(results.cookies ? 'storageBlocked' : 'cookiesBlocked'));

  // 3. Clock
  var skew = Math.round((startedAt - cfg.serverTime) / 1000);
  if (Math.abs(skew) > 300) {
    mark('clock', 'warn', t(skew > 0 ? 'clockAhead' : 'clockBehind', { minutes: Math.round(Math.abs(skew) / 60) }));
  } else {
    mark('clock', 'ok', t('clockOk'));
  }

  // 3b. IPv4 or IPv6, as the server saw this page's request
  if (cfg.ipFamily === 'ipv6') mark('ip', 'info', t('ipv6'));
  else if (cfg.ipFamily === 'ipv4') mark('ip', 'info', t('ipv4'));
  else mark('ip', 'skip', t('ipUnknown'));

  var pending = 2;
  function stepDone() { pending -= 1; if (pending === 0) send(); }

  // 4. Passkeys and security keys (WebAuthn)
  var pkc = window.PublicKeyCredential;
  if (typeof pkc === 'undefined') {
    mark('webauthn', 'warn', t('noWebauthn'));
    stepDone();
  } else {
    results.webauthn.available = true;
    var answered = false;
    var caps = null;
    var capsAsked = false;
    var finish = function (platform) {
      if (answered) return;
      answered = true;
      if (platform !== null) results.webauthn.platformAuthenticator = platform;
      if (caps) results.webauthn.capabilities = caps;
      var words = t(platform ? 'passkeysWork' : 'keysWork');
      if (caps) {
        words += ' ' + t(caps.hybridTransport ? 'hybrid' : 'noHybrid');
        if (caps.conditionalCreate) words += ' ' + t('conditionalCreate');
      } else if (capsAsked) {
        words += ' ' + t('noCapabilities');
      }
      mark('webauthn', 'ok', words);
      stepDone();
    };
    // Newer browsers list what they support; keep only name: true/false pairs.
    var askPlatform = function () {
      if (typeof pkc.isUserVerifyingPlatformAuthenticatorAvailable === 'function') {
        pkc.isUserVerifyingPlatformAuthenticatorAvailable().then(function (v) { finish(!!v); }, function () { finish(false); });
        setTimeout(function () { finish(null); }, 3000);
      } else { finish(null); }
    };
    mark('webauthn', 'busy', t('checkingPasskeys'));
    try {
      if (typeof pkc.getClientCapabilities === 'function') {
        capsAsked = true;
        var capsDone = false;
        var afterCaps = function () { if (capsDone) return; capsDone = true; askPlatform(); };
        pkc.getClientCapabilities().then(function (c) {
          var out = {}, n = 0;
          for (var k in c) {
            if (Object.prototype.hasOwnProperty.call(c, k) && typeof c[k] === 'boolean' && /^[A-Za-z][A-Za-z0-9:_-]{0,59}$/.test(k) && n < 40) { out[k] = c[k]; n += 1; }
          }
          caps = out;
          afterCaps();
        }, afterCaps);
        setTimeout(afterCaps, 2000);
      } else { askPlatform(); }
    } catch (e) { finish(null); }
  }

  // 5. Network: can this network reach the sign-in services?
  var probes = cfg.probes || [];
  var left = probes.length;
  if (left === 0) { mark('network', 'skip', t('noProbes')); stepDone(); }
  else mark('network', 'busy', t('testing', { count: left }));
  var blocked = [];
  function probeDone(p, result, via, started) {
    results.probes.push({ host: p.host, result: result, ms: Math.max(0, now() - started), via: via });
    if (result === 'unreachable') blocked.push(p.host);
    left -= 1;
    if (left > 0) return;
    if (blocked.length === 0) mark('network', 'ok', t('networkOk'));
    else mark('network', 'bad', t('networkBlocked', { blocked: blocked.length, total: probes.length, hosts: blocked.join(', ') }));
    stepDone();
  }
  function withBuster(url) { return url + (url.indexOf('?') === -1 ? '?' : '&') + 'mfa_check=' + now(); }
  function probeImage(p, started) {
    var img = new Image();
    var over = false;
    var end = function (result) { if (over) return; over = true; img.onload = img.onerror = null; probeDone(p, result, 'image', started); };
    img.onload = function () { end('reachable'); };
    img.onerror = function () { end('unknown'); };
    try { img.referrerPolicy = 'no-referrer'; } catch (e) { /* old browser */ }
    setTimeout(function () { end('unreachable'); }, cfg.timeoutMs);
    img.src = withBuster(p.url);
  }
  function probe(p) {
    var started = now();
    if (typeof window.fetch !== 'function') { probeImage(p, started); return; }
    var over = false;
    var ctrl = typeof window.AbortController === 'function' ? new window.AbortController() : null;
    var end = function (result) { if (over) return; over = true; probeDone(p, result, 'fetch', started); };
    var timer = setTimeout(function () { end('unreachable'); if (ctrl) ctrl.abort(); }, cfg.timeoutMs);
    try {
      var opts = { mode: 'no-cors', cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow' };
      if (ctrl) opts.signal = ctrl.signal;
      window.fetch(withBuster(p.url), opts).then(
        function () { clearTimeout(timer); end('reachable'); },
        function () { clearTimeout(timer); end('unreachable'); });
    } catch (e) { clearTimeout(timer); if (!over) { over = true; probeImage(p, started); } }
  }
  for (var i = 0; i < probes.length; i++) probe(probes[i]);

  // 6. Send the results
  function send() {
    status(t('sending'));
    results.clientTime = now();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', location.pathname.replace(/\/$/, '') + '/results' + (location.search || ''), true);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      var reply = null;
      try { reply = JSON.parse(xhr.responseText); } catch (e) { reply = null; }
      var title = reply && reply.title ? reply.title : t(xhr.status === 200 ? 'done' : 'notSaved');
      var message = reply && reply.message ? reply.message : t('askNewLink');
      setText(el('done-title'), title);
      setText(el('done-message'), message);
      el('done').className = 'done ' + (xhr.status === 200 ? 'ok' : 'bad');
      // The status line is the live region: it announces the outcome, not only that it ended.
      status(t(xhr.status === 200 ? 'complete' : 'notSavedStatus') + ' ' + title);
      doc.body.setAttribute('data-state', xhr.status === 200 ? 'done' : 'failed');
    };
    xhr.send(JSON.stringify(results));
  }
})();
`;
