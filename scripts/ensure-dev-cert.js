#!/usr/bin/env node
// Creates the loopback TLS certificate used by the local Graph simulator (and its token service)
// once per clone: .data/dev-tls/{cert,key}.pem, SAN localhost + 127.0.0.1 + ::1. Processes that talk
// to the simulator trust it through NODE_EXTRA_CA_CERTS (see package.json scripts). The key never
// leaves this machine and is ignored by git.
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const dir = path.resolve(__dirname, '..', '.data', 'dev-tls');
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    const { X509Certificate } = require('node:crypto');
    const cert = new X509Certificate(fs.readFileSync(certPath));
    if (new Date(cert.validTo).getTime() - Date.now() > 7 * 24 * 3600 * 1000) return;
  }
  fs.mkdirSync(dir, { recursive: true });
  const selfsigned = require('selfsigned');
  const attrs = [{ name: 'commonName', value: 'localhost' }];
  const pems = await selfsigned.generate(attrs, {
    keySize: 2048,
    days: 365,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  fs.writeFileSync(keyPath, pems.private, { mode: 0o600 });
  fs.writeFileSync(certPath, pems.cert);
  process.stdout.write(`created loopback certificate ${path.relative(process.cwd(), certPath)}\n`);
}

main().catch((e) => {
  process.stderr.write(`could not create the loopback certificate: ${e && e.message}\n`);
  process.exit(1);
});
