import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The CLI on Word and PDF files (issue 14), run as a reviewer would: the
 * reports on a .docx or .pdf made from a seed are those on the seed's text,
 * each with its place in the original; a folder stands for its plans; the
 * exports are real Office files; a file that cannot be read is one clear
 * message and nothing written.
 */

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const OFFICE = 'test/fixtures/office';
const SEED = (name: string) => `test/fixtures/seeds/${name}.txt`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C' }, timeout: 60000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Reported {
  range: { start: { line: number; character: number } };
  code: string;
  message: string;
  original?: { paragraph: number; page?: number };
}

function check(file: string): { run: Run; format?: string; diagnostics: Reported[] } {
  const run = cli(['check', '--format', 'json', file]);
  const [result] = JSON.parse(run.stdout) as Array<{ format?: string; diagnostics: Reported[] }>;
  return { run, format: result?.format, diagnostics: result?.diagnostics ?? [] };
}

const shown = (ds: Reported[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);

describe('workplan CLI on Word and PDF files', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'workplan-office-cli-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('a .docx of Guandu (Word list numbering): the reports of its text, each with its paragraph in the original', () => {
    const docx = check(`${OFFICE}/guandu-district-2020.docx`);
    const text = check(SEED('guandu-district-2020'));
    assert.equal(docx.format, 'docx');
    assert.equal(docx.run.status, text.run.status);
    assert.deepEqual(shown(docx.diagnostics), shown(text.diagnostics));
    for (const d of docx.diagnostics) {
      assert.ok(d.original && d.original.paragraph >= 1 && d.original.page === undefined, JSON.stringify(d));
    }
    const lines = cli(['check', `${OFFICE}/guandu-district-2020.docx`]).stdout.trim().split('\n');
    assert.ok(lines.length > 0 && lines.every((l) => / — 原文第\d+段$/.test(l)), lines.join('\n'));
  });

  it('a .pdf of Jiyuan: its page numbers dropped (said on stderr), every report with page and paragraph', () => {
    const pdf = check(`${OFFICE}/jiyuan-zone-2023.pdf`);
    assert.equal(pdf.format, 'pdf');
    assert.ok(pdf.diagnostics.length > 0);
    assert.ok(!pdf.diagnostics.some((d) => d.code === 'text.page-marker'), 'the PDF’s own page numbers are not reported as pasted markers');
    for (const d of pdf.diagnostics) assert.ok(d.original && d.original.page! >= 1 && d.original.paragraph >= 1, JSON.stringify(d));
    assert.match(pdf.run.stderr, /个页码不是正文，已略去/);
    const text = cli(['check', `${OFFICE}/jiyuan-zone-2023.pdf`]).stdout;
    assert.match(text, /:\d+:\d+ \w+ [\w.-]+ .+ — 原文第\d+页第\d+段\n/);
  });

  it('a folder: every plan file in it, each unreadable one named with its reason, exit 2', () => {
    const run = cli(['check', '--format', 'json', OFFICE]);
    assert.equal(run.status, 2);
    const files = (JSON.parse(run.stdout) as Array<{ file: string }>).map((r) => r.file.split('/').pop());
    for (const name of ['guandu-district-2020.docx', 'guandu-district-2020.doc', 'guandu-district-2020.pdf', 'xiamen-city-2020.pdf']) assert.ok(files.includes(name), `${name} in ${files.join(' ')}`);
    for (const [name, why] of [['encrypted.pdf', '已加密'], ['encrypted.docx', '已加密'], ['image-only.pdf', '没有文字层'], ['empty.pdf', '空的'], ['truncated.pdf', '已损坏']]) {
      assert.ok(!files.includes(name), name);
      assert.ok(run.stderr.split('\n').some((l) => l.includes(name) && l.includes(why)), `${name}: ${why}\n${run.stderr}`);
    }
  });

  it('align on a PDF: each local item carries its place in the original', () => {
    const run = cli(['align', '--format', 'json', `${OFFICE}/guandu-district-2020.pdf`]);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { matches: Array<{ local: { line: number; original?: { page?: number; paragraph: number } } }> };
    assert.ok(report.matches.length > 20);
    for (const m of report.matches) assert.ok(m.local.original?.page && m.local.original.paragraph, JSON.stringify(m.local));
    assert.match(cli(['align', `${OFFICE}/guandu-district-2020.pdf`]).stdout, /\[原文第\d+页第\d+段\]/);
  });

  it('align on a folder: every plan in turn, as a JSON array; the national plan among them said once, exit 2', () => {
    const run = cli(['align', '--format', 'json', 'test/fixtures/seeds']);
    assert.equal(run.status, 2);
    const reports = JSON.parse(run.stdout) as Array<{ file: string; national: string }>;
    assert.deepEqual(reports.map((r) => r.file.split('/').pop()), ['guandu-district-2020.txt', 'jiyuan-zone-2023.txt', 'nantong-city-2017.txt', 'xiamen-city-2020.txt']);
    assert.ok(reports.every((r) => r.national === 'national-2020'));
    assert.deepEqual(run.stderr.trim().split('\n').filter((l) => l.includes('is itself a national plan')).length, 1, run.stderr);
  });

  it('export --format docx: a 公文 .docx that the CLI reads back to the same reports as the text', () => {
    const out = join(tmp, 'guandu-公文.docx');
    const run = cli(['export', '--format', 'docx', '--output', out, SEED('guandu-district-2020')]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...readFileSync(out).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    assert.deepEqual(shown(check(out).diagnostics), shown(check(SEED('guandu-district-2020')).diagnostics));
  });

  it('export --format xlsx and table-docx: the 任务分解表 as an Excel workbook and a Word table; a folder into an --output folder', () => {
    for (const format of ['xlsx', 'table-docx']) {
      const out = join(tmp, `table.${format}`);
      const run = cli(['export', '--format', format, '--output', out, SEED('xiamen-city-2020')]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
    }
    const folder = join(tmp, 'tables');
    const run = cli(['export', '--format', 'xlsx', '--output', folder, 'test/fixtures/seeds']);
    assert.equal(run.status, 0, run.stderr);
    for (const seed of ['guandu-district-2020', 'xiamen-city-2020', 'nantong-city-2017']) assert.ok(existsSync(join(folder, `${seed}.xlsx`)), seed);
  });

  it('never writes over the plan it reads', () => {
    const plan = join(tmp, 'plan.docx');
    copyFileSync(join(ROOT, OFFICE, 'nantong-city-2017.docx'), plan);
    const before = readFileSync(plan);
    const run = cli(['export', '--format', 'docx', '--output', plan, plan]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /will not write over/);
    assert.deepEqual(readFileSync(plan), before);
  });

  describe('files that cannot be read: one clear message, exit 2, nothing written', () => {
    const cases: Array<[string, (path: string) => void, RegExp]> = [
      ['big.docx', (p) => {
        // 200 MB without writing 200 MB: a sparse file.
        const fd = openSync(p, 'w');
        ftruncateSync(fd, 200 * 1024 * 1024);
        closeSync(fd);
      }, /文件有 200 MB，超过可读取的 100 MB/],
      ['not-a-zip.docx', (p) => writeFileSync(p, '这不是 Word 文档，只是改了扩展名的文本。'), /不是有效的 Word 文档/],
      ['empty.docx', (p) => writeFileSync(p, ''), /文件是空的/],
      ['corrupt.docx', (p) => writeFileSync(p, readFileSync(join(ROOT, OFFICE, 'xiamen-city-2020.docx')).subarray(0, 3000)), /已损坏|不是有效的 Word 文档/],
      ['scan.pdf', (p) => copyFileSync(join(ROOT, OFFICE, 'image-only.pdf'), p), /没有文字层/],
      ['locked.pdf', (p) => copyFileSync(join(ROOT, OFFICE, 'encrypted.pdf'), p), /已加密/],
    ];
    for (const [name, make, reason] of cases) {
      it(name, () => {
        const input = join(tmp, name);
        make(input);
        const output = join(tmp, `${name}.out.docx`);
        for (const args of [['check', input], ['export', '--format', 'docx', '--output', output, input]]) {
          const started = Date.now();
          const run = cli(args);
          assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
          assert.equal(run.stdout, '');
          const lines = run.stderr.trim().split('\n');
          assert.equal(lines.length, 1, run.stderr);
          assert.ok(lines[0].includes(input) && reason.test(lines[0]), lines[0]);
          assert.ok(!/at \w+ \(|Error:/.test(run.stderr), `no stack trace: ${run.stderr}`);
          assert.ok(Date.now() - started < 30_000);
        }
        assert.ok(!existsSync(output), 'nothing written');
        if (name === 'big.docx') assert.equal(statSync(input).size, 200 * 1024 * 1024);
      });
    }
  });
});
