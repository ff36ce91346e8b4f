#!/usr/bin/env node
// Builds the Teams app package offline: fills the ${{KEY}} placeholders of appPackage/manifest.json
// from env/.env.<env> (+ the ignored .env.<env>.user, then the process environment for keys left
// empty), validates it against the bundled official JSON schema (@microsoft/app-manifest, when
// installed), checks the icons, and writes appPackage/build/manifest.<env>.json and
// appPackage/build/appPackage.<env>.zip (a plain deflate zip written here: no zip library).
//
//   npm run package -- --env dev
//   node scripts/package-app.js --env-file ./my.env --out ./out --name test
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..');

/** KEY=VALUE lines; # comments; optional single or double quotes around the value. */
function parseEnvFile(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    out[m[1]] = v;
  }
  return out;
}

/** Replaces ${{KEY}}; returns the text and the keys that had no (non-empty) value. */
function substitute(text, values) {
  const missing = new Set();
  const result = text.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, key) => {
    const v = values[key];
    if (v === undefined || (v === '' && key !== 'APP_NAME_SUFFIX')) {
      missing.add(key);
      return '';
    }
    return JSON.stringify(v).slice(1, -1); // JSON-escape inside the string literal
  });
  return { text: result, missing: [...missing] };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip (PKZIP 2.0: deflate, no data descriptors, no zip64) of [{ name, data }], fixed timestamp. */
function createZip(entries, date = new Date(Date.UTC(2026, 0, 1))) {
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42); // extra, comment, disk, attrs stay 0
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

function pngSize(buf) {
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47 || buf.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

async function validate(manifest) {
  let lib;
  try {
    lib = require('@microsoft/app-manifest');
  } catch {
    return { skipped: 'the @microsoft/app-manifest devDependency is not installed' };
  }
  return { errors: await lib.AppManifestUtils.validateAgainstSchema(manifest) };
}

async function buildPackage({ envName, envFiles, outDir, appPackageDir = path.join(ROOT, 'appPackage'), processEnv = process.env }) {
  const values = {};
  for (const file of envFiles) if (fs.existsSync(file)) Object.assign(values, parseEnvFile(fs.readFileSync(file, 'utf8')));
  for (const [k, v] of Object.entries(processEnv)) if ((values[k] === undefined || values[k] === '') && v) values[k] = v;
  const template = fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8');
  const { text, missing } = substitute(template, values);
  if (missing.length > 0) throw new Error(`missing values for ${missing.join(', ')} (set them in ${envFiles.join(' or ')})`);
  const manifest = JSON.parse(text);
  const problems = [];
  const icons = {};
  for (const [kind, want] of [['color', 192], ['outline', 32]]) {
    const file = manifest.icons && manifest.icons[kind];
    const data = file ? fs.readFileSync(path.join(appPackageDir, file)) : undefined;
    const size = data && pngSize(data);
    if (!size || size.width !== want || size.height !== want) problems.push(`icons.${kind}: must be a ${want}x${want} PNG`);
    else icons[file] = data;
  }
  const v = await validate(manifest);
  if (v.errors) problems.push(...v.errors);
  if (problems.length > 0) throw new Error(`the manifest is not valid:\n  ${problems.join('\n  ')}`);
  fs.mkdirSync(outDir, { recursive: true });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestPath = path.join(outDir, `manifest.${envName}.json`);
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  fs.writeFileSync(manifestPath, manifestText);
  const entries = [{ name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') }, ...Object.entries(icons).map(([name, data]) => ({ name, data }))];
  fs.writeFileSync(zipPath, createZip(entries));
  return { zipPath, manifestPath, manifest, validation: v.skipped ? `skipped: ${v.skipped}` : 'schema valid' };
}

function args(argv) {
  const o = { env: 'dev', envFiles: [], out: undefined, name: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--env') o.env = argv[++i];
    else if (a === '--env-file') o.envFiles.push(path.resolve(argv[++i]));
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--name') o.name = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main() {
  const o = args(process.argv.slice(2));
  const envName = o.name ?? o.env;
  const envFiles = o.envFiles.length > 0 ? o.envFiles : [path.join(ROOT, 'env', `.env.${o.env}`), path.join(ROOT, 'env', `.env.${o.env}.user`)];
  const r = await buildPackage({ envName, envFiles, outDir: o.out ?? path.join(ROOT, 'appPackage', 'build') });
  process.stdout.write(`${path.relative(process.cwd(), r.zipPath)} (manifest ${r.manifest.manifestVersion}, ${r.validation})\n`);
}

module.exports = { parseEnvFile, substitute, createZip, crc32, buildPackage };

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`package failed: ${e.message}\n`);
    process.exit(1);
  });
}
