// Renders the Word export of a seed plan for the README: the plan text
// through the writer itself (server/src/office/planDocx.ts as compiled to
// out/), LibreOffice to PDF, poppler to pixels, and the first two pages side
// by side — the odd page's number on the right, the even page's on the left —
// into docs/images/export-docx.png.
//
//   npm run compile-tests && node scripts/office-screenshot.mjs [SEED]
//
// SEED is a name in test/fixtures/seeds/ (guandu-district-2020 by default).
// This machine has none of the fonts a Chinese office has, so fontconfig is
// told, for this run only, to draw 方正小标宋简体 as Noto Serif CJK Bold,
// 仿宋_GB2312 and 宋体 as Noto Serif CJK and 黑体 as Noto Sans CJK; 楷体 has
// no stand-in and falls back to LibreOffice's default CJK face.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRITER = join(ROOT, 'out', 'server', 'src', 'office', 'planDocx.js');
const OUT = join(ROOT, 'docs', 'images', 'export-docx.png');
const DPI = 100;
const GAP = 24;
const BACKGROUND = [0xd8, 0xd8, 0xd8];

function fail(message) {
  console.error(`office-screenshot: ${message}`);
  process.exit(1);
}

function run(command, args, env) {
  const r = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  if (r.error || r.status !== 0) fail(`${command} failed: ${r.error?.message ?? r.stderr.toString()}`);
  return r.stdout;
}

const seed = process.argv[2] ?? 'guandu-district-2020';
const seedFile = join(ROOT, 'test', 'fixtures', 'seeds', `${seed}.txt`);
if (!existsSync(seedFile)) fail(`no seed ${seedFile}`);
if (!existsSync(WRITER)) fail(`${WRITER} is missing: run npm run compile-tests first`);
const { writePlanDocx } = createRequire(import.meta.url)(WRITER);

const dir = mkdtempSync(join(tmpdir(), 'workplan-screenshot-'));
try {
  const docx = join(dir, `${seed}.docx`);
  writeFileSync(docx, await writePlanDocx(readFileSync(seedFile, 'utf8')));

  const stand = (family, to, bold = false) =>
    `<match target="pattern"><test name="family"><string>${family}</string></test>` +
    `<edit name="family" mode="prepend" binding="strong"><string>${to}</string></edit>` +
    (bold ? '<edit name="weight" mode="assign"><const>bold</const></edit>' : '') +
    '</match>';
  const fontsConf = join(dir, 'fonts.conf');
  writeFileSync(
    fontsConf,
    '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>' +
      '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' +
      stand('方正小标宋简体', 'Noto Serif CJK SC', true) +
      stand('仿宋_GB2312', 'Noto Serif CJK SC') +
      stand('宋体', 'Noto Serif CJK SC') +
      stand('黑体', 'Noto Sans CJK SC') +
      '</fontconfig>',
  );
  const env = { FONTCONFIG_FILE: fontsConf };
  run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], env);
  const pdf = join(dir, `${seed}.pdf`);
  const pageCount = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]).toString())?.[1] ?? 0);

  /** A binary PPM (P6) as width, height and RGB rows. */
  const readPpm = (file) => {
    const bytes = readFileSync(file);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!header) fail(`${file} is not a binary PPM`);
    const [all, w, h] = header;
    return { width: Number(w), height: Number(h), pixels: bytes.subarray(all.length) };
  };
  const pages = [1, 2].filter((n) => n <= pageCount).map((n) => {
    run('pdftoppm', ['-r', String(DPI), '-f', String(n), '-l', String(n), '-singlefile', pdf, join(dir, `page${n}`)]);
    return readPpm(join(dir, `page${n}.ppm`));
  });
  if (pages.length === 0) fail('LibreOffice printed no page');

  const width = GAP + pages.reduce((w, p) => w + p.width + GAP, 0);
  const height = 2 * GAP + Math.max(...pages.map((p) => p.height));
  // PNG scanlines: a filter byte (0, none) and the RGB pixels of each row.
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) raw.set(BACKGROUND, row + 1 + x * 3);
  }
  let left = GAP;
  for (const page of pages) {
    for (let y = 0; y < page.height; y++) {
      const from = page.pixels.subarray(y * page.width * 3, (y + 1) * page.width * 3);
      raw.set(from, (y + GAP) * (1 + width * 3) + 1 + left * 3);
    }
    left += page.width + GAP;
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no interlace
  writeFileSync(OUT, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
  // Shrunk where pngquant is installed (scripts/editor/setup.sh installs it); the file is valid either way.
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-90', '--output', OUT, OUT], { stdio: 'ignore' });
  console.log(`office-screenshot: ${OUT} (${pages.length} pages of ${seed}, ${Math.round(statSync(OUT).size / 1024)} KB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
