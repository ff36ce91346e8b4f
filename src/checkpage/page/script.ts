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
  function mark(name, state, text) {
    var row = el('c-' + name);
    if (row) row.className = 'check ' + state;
    var words = { info: 'Recorded', ok: 'OK', warn: 'Needs attention', bad: 'Blocked', busy: 'Checking', skip: 'Not checked' };
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
    if (!found) found = chromium || 'An unrecognised browser';
    var os = uad && uad.platform ? String(uad.platform) : '';
    if (!os) {
      if (/Windows/.test(ua)) os = 'Windows'; else if (/iPhone|iPad|iPod/.test(ua)) os = 'iOS'; else if (/Android/.test(ua)) os = 'Android';
      else if (/Mac OS X/.test(ua)) os = 'macOS'; else if (/CrOS/.test(ua)) os = 'ChromeOS'; else if (/Linux/.test(ua)) os = 'Linux';
    }
    return found + (os ? ' on ' + os : '');
  }

  var cfg = null;
  try {
    var cfgNode = el('cfg');
    cfg = window.JSON ? JSON.parse(cfgNode.text || cfgNode.innerHTML) : null;
  } catch (e) { cfg = null; }
  if (!cfg || !window.XMLHttpRequest) {
    status('This browser is too old to run the check. Please open the link in a current version of Microsoft Edge, Chrome, Firefox or Safari.');
    return;
  }

  show('checks');
  status('Checking your browser and network...');
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
  if (results.cookies && results.localStorage && results.sessionStorage) mark('storage', 'ok', 'Cookies and site storage work.');
  else mark('storage', 'bad', 'This browser blocks ' + (results.cookies ? 'site storage' : 'cookies') + '. Sign-in pages need them: leave private mode or allow cookies for Microsoft sites.');

  // 3. Clock
  var skew = Math.round((startedAt - cfg.serverTime) / 1000);
  if (Math.abs(skew) > 300) {
    mark('clock', 'warn', 'Your clock is about ' + Math.round(Math.abs(skew) / 60) + ' minutes ' + (skew > 0 ? 'ahead' : 'behind') + '. Set it to update automatically: one-time codes and sign-in depend on it.');
  } else {
    mark('clock', 'ok', 'Your clock is correct.');
  }

  // 3b. IPv4 or IPv6, as the server saw this page's request
  if (cfg.ipFamily === 'ipv6') mark('ip', 'info', 'You reached us over IPv6. Some company networks only trust their IPv4 addresses; the assistant takes this into account.');
  else if (cfg.ipFamily === 'ipv4') mark('ip', 'info', 'You reached us over IPv4.');
  else mark('ip', 'skip', 'Could not tell.');

  var pending = 2;
  function stepDone() { pending -= 1; if (pending === 0) send(); }

  // 4. Passkeys and security keys (WebAuthn)
  var pkc = window.PublicKeyCredential;
  if (typeof pkc === 'undefined') {
    mark('webauthn', 'warn', 'This browser cannot use passkeys or security keys.');
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
      var words = platform ? 'Passkeys work, including this device\'s built-in sign-in (face, fingerprint or PIN).' : 'Security keys work. This device has no built-in passkey support.';
      if (caps) {
        words += caps.hybridTransport ? ' You can also use a passkey on your phone by scanning a QR code.' : ' Using a passkey on your phone (QR code) is not available in this browser.';
        if (caps.conditionalCreate) words += ' The browser can offer to create a passkey automatically.';
      } else if (capsAsked) {
        words += ' (The browser did not list its passkey features.)';
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
    mark('webauthn', 'busy', 'Checking passkey support...');
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
  if (left === 0) { mark('network', 'skip', 'No addresses to test.'); stepDone(); }
  else mark('network', 'busy', 'Testing ' + left + ' Microsoft addresses...');
  var blocked = [];
  function probeDone(p, result, via, started) {
    results.probes.push({ host: p.host, result: result, ms: Math.max(0, now() - started), via: via });
    if (result === 'unreachable') blocked.push(p.host);
    left -= 1;
    if (left > 0) return;
    if (blocked.length === 0) mark('network', 'ok', 'Your network reaches the Microsoft sign-in services.');
    else mark('network', 'bad', 'Your network could not reach ' + blocked.length + ' of ' + probes.length + ' Microsoft sign-in addresses: ' + blocked.join(', ') + '. Try another network or ask IT to allow these addresses.');
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
    status('Sending your results...');
    results.clientTime = now();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', location.pathname.replace(/\/$/, '') + '/results', true);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      var reply = null;
      try { reply = JSON.parse(xhr.responseText); } catch (e) { reply = null; }
      var title = reply && reply.title ? reply.title : (xhr.status === 200 ? 'Done' : 'We could not save the results');
      var message = reply && reply.message ? reply.message : 'Go back to Teams and ask the assistant for a new link.';
      setText(el('done-title'), title);
      setText(el('done-message'), message);
      el('done').className = 'done ' + (xhr.status === 200 ? 'ok' : 'bad');
      // The status line is the live region: it announces the outcome, not only that it ended.
      status((xhr.status === 200 ? 'Check complete: ' : 'Check not saved: ') + title);
      doc.body.setAttribute('data-state', xhr.status === 200 ? 'done' : 'failed');
    };
    xhr.send(JSON.stringify(results));
  }
})();
`;
