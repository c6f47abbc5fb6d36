import { BUILTIN_REGISTRY } from '../../server/src/builtinData';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService, RULES } from '../../server/src/service';
import { joinLines, makeDoc, nationalService } from './util';

const samplesDir = join(__dirname, '../../../samples');

describe('the sample workspace opened by npm start', () => {
  // As the server creates it: the built-in registry and the built-in national plans.
  const service = nationalService();

  it('the faulty draft shows every diagnostic the rule table defines but three that need another plan: coverage.other-year (a draft of a year no parent plan has, Jiyuan 2023), coverage.no-parent (a plan of another kind) and document.too-large (10 million characters)', () => {
    const text = readFileSync(join(samplesDir, 'faulty-draft.wp.txt'), 'utf8');
    const codes = new Set(service.computeDiagnostics(makeDoc(text)).map((d) => d.code));
    for (const rule of RULES.filter((r) => !['document.too-large', 'coverage.other-year', 'coverage.no-parent'].includes(r.code))) assert.ok(codes.has(rule.code), `faulty-draft.wp.txt does not show ${rule.code}`);
    const jiyuan = readFileSync(join(samplesDir, 'jiyuan-zone-2023.wp.txt'), 'utf8');
    assert.ok(service.computeDiagnostics(makeDoc(jiyuan, 'file:///jiyuan.wp.txt')).some((d) => d.code === 'coverage.other-year'));
  });

  it('every other sample is a real plan without numbering errors', () => {
    const plans = readdirSync(samplesDir).filter((f) => f.endsWith('.wp.txt') && f !== 'faulty-draft.wp.txt');
    assert.equal(plans.length, 5);
    for (const name of plans) {
      const text = readFileSync(join(samplesDir, name), 'utf8');
      const errors = service.computeDiagnostics(makeDoc(text, `file:///${name}`)).filter((d) => d.severity === 1);
      assert.deepEqual(errors.map((d) => d.code), [], name);
    }
  });
});

describe('title lines decided by the majority of their level', () => {
  const service = createLanguageService({ locale: 'zh-cn', registry: BUILTIN_REGISTRY });
  const broken = (text: string) => service.computeDiagnostics(makeDoc(text)).filter((d) => d.code === 'text.broken-line');

  it('with one item of two carrying no 。, that item is a broken sentence, not a title line', () => {
    const text = joinLines('一、总体要求', '（一）加强网络市场监管，', '严厉打击侵权假冒行为。', '（二）加强重点市场监管。对批发市场加大执法力度。');
    assert.equal(broken(text).length, 1);
  });

  it('when most items stand on a line of their own, they are titles and their bodies follow', () => {
    const text = joinLines('一、总体要求', '（一）加强网络市场监管', '严厉打击侵权假冒行为。', '（二）加强重点市场监管', '对批发市场加大执法力度。');
    assert.deepEqual(broken(text), []);
  });
});
