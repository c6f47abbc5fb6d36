import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPlanTitle, isDetectableFileName, matchPlanTitle } from '../../client/src/planDetection';

const seedDir = join(__dirname, '../../../test/fixtures/seeds');

describe('plan file detection (client)', () => {
  for (const name of readdirSync(seedDir)) {
    it(`finds the plan title near the top of ${name}`, () => {
      const match = detectPlanTitle(readFileSync(join(seedDir, name), 'utf8'));
      assert.ok(match, 'no title found');
      assert.match(match.title, /工作要点$/);
    });
  }

  it('reads titles inside 《》 and notice titles without them, ignoring stray spaces', () => {
    assert.equal(matchPlanTitle('关于印发《示范区 2023 年打击侵犯知识产权和 制售假冒伪劣商品工作要点》的通知'), '示范区2023年打击侵犯知识产权和制售假冒伪劣商品工作要点');
    assert.equal(matchPlanTitle('关于印发官渡区2020年打击侵权假冒工作要点的通知'), '官渡区2020年打击侵权假冒工作要点');
    assert.equal(matchPlanTitle('2021年某区打击侵权假冒工作方案（征求意见稿）'), '2021年某区打击侵权假冒工作方案');
  });

  it('does not take sentences, headings or unrelated notices for a title', () => {
    assert.equal(matchPlanTitle('按照工作要点。'), undefined);
    assert.equal(matchPlanTitle('（一）落实年度工作要点'), undefined);
    assert.equal(matchPlanTitle('关于召开会议的通知'), undefined);
    assert.equal(detectPlanTitle('会议纪要\n\n一、会议内容\n讨论了若干事项。'), undefined);
  });

  it('only looks at the first lines of a file', () => {
    const text = `${'正文。\n'.repeat(100)}2020年某市工作要点\n`;
    assert.equal(detectPlanTitle(text), undefined);
  });

  it('only switches .txt files', () => {
    assert.ok(isDetectableFileName('/a/计划.TXT'));
    assert.ok(!isDetectableFileName('/a/计划.md'));
  });
});
