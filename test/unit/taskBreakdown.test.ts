import * as assert from 'assert';
import type { TaskBreakdownRow } from '../../server/src/service';
import { guardFormula, toCsv, toMarkdown } from '../../server/src/service/features/taskBreakdown';
import { freshDoc, joinLines, loadSeed, nationalService, service, type SeedName } from './util';

/**
 * The 任务分解表 (features/taskBreakdown.ts): rows read off the seeds' clauses
 * and alignment, the CSV Excel opens (BOM, CRLF, RFC 4180, formula guard) and
 * the Markdown table.
 */

const svc = nationalService();

function rows(seed: SeedName, s = svc): TaskBreakdownRow[] {
  return s.getTaskBreakdown(freshDoc(loadSeed(seed)));
}

/** The row of the task with this outline path (一、/（五）). */
function row(all: TaskBreakdownRow[], path: string): TaskBreakdownRow {
  const found = all.find((r) => r.path.join('/') === path);
  assert.ok(found, `no row ${path}: ${all.map((r) => r.path.join('/')).join(' ')}`);
  return found;
}

function units(r: TaskBreakdownRow): { leads: string[]; partners: string[] } {
  return { leads: r.leads, partners: r.partners };
}

/**
 * A small RFC 4180 reader: records end in CRLF; a quoted field may hold
 * commas, CR, LF and doubled quotes. Throws on anything RFC 4180 does not allow.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += text[i++];
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 5))}`);
    }
  }
  if (record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

/** The cells of a Markdown table line, split at unescaped |. */
function markdownCells(line: string): string[] {
  assert.ok(line.startsWith('| ') && line.endsWith(' |'), line);
  return line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
}

const HEADER_ZH = ['序号', '所属部分', '工作任务', '牵头单位', '配合/责任单位', '对应全国任务'];
const HEADER_EN = ['No.', 'Section', 'Task', 'Lead units', 'Partner / responsible units', 'National task'];

function sample(overrides: Partial<TaskBreakdownRow>): TaskBreakdownRow {
  return { number: '（一）', path: ['一、', '（一）'], line: 0, section: '总体要求', title: '加强组织领导', leads: [], partners: [], national: [], ...overrides };
}

describe('task breakdown (任务分解表)', function () {
  describe('rows', function () {
    it('Xiamen: 35 rows in document order, each implementing the national task of its own number', function () {
      const all = rows('xiamen-city-2020');
      assert.equal(all.length, 35);
      all.forEach((r, i) => {
        assert.equal(r.national.length, 1, `${r.number} has one national task`);
        assert.equal(r.national[0].number, r.number);
        assert.equal(r.path.length, 2);
        assert.equal(r.path[1], r.number);
        assert.ok(i === 0 || r.line > all[i - 1].line);
      });
      // Xiamen writes (一) half-width; the table says （一）, as the alignment does.
      assert.deepEqual(all[0].path, ['一、', '（一）']);
      assert.equal(all[0].title, '加强互联网侵权假冒治理');
      assert.equal(all[0].section, '深化重点领域治理和产品监管');
      const fifth = row(all, '一、/（五）');
      assert.deepEqual(fifth.national, [{ number: '（五）', title: '加强重点市场监管' }]);
      assert.equal(fifth.title, '加强重点市场监管');
      assert.equal(row(all, '七、/（三十五）').section, '推进业务能力建设');
    });

    it('Xiamen: 牵头 + 按职责分工负责, 分别牵头, 按职责分工牵头, 负责 only, placeholders and 等', function () {
      const all = rows('xiamen-city-2020');
      // （市市场监管局牵头，市委宣传部、市公安局、市农业农村局、市商务局、市文旅局按职责分工负责）
      assert.deepEqual(units(row(all, '一、/（五）')), { leads: ['市市场监管局'], partners: ['市委宣传部', '市公安局', '市农业农村局', '市商务局', '市文旅局'] });
      // （市邮政管理局负责）
      assert.deepEqual(units(row(all, '一、/（六）')), { leads: [], partners: ['市邮政管理局'] });
      // （市发改委、市市场监管局分别牵头）…（人行厦门中心支行、市市场监管局按职责分工负责）…（市财政局负责）（市邮政管理局负责）（市市场监管局负责）:
      // a unit that leads one sentence is a lead of the task, and listed once.
      assert.deepEqual(units(row(all, '四、/（二十）')), { leads: ['市发改委', '市市场监管局'], partners: ['人行厦门中心支行', '市财政局', '市邮政管理局'] });
      // （市委政法委、市打击侵权假冒工作领导小组办公室按职责分工牵头）
      assert.deepEqual(units(row(all, '四、/（二十二）')), { leads: ['市委政法委', '市打击侵权假冒工作领导小组办公室'], partners: [] });
      // （市市场监管局牵头，有关部门按职责分工负责）, then more clauses: the placeholder is kept as written.
      const seventh = row(all, '一、/（七）');
      assert.deepEqual(seventh.leads, ['市市场监管局']);
      assert.equal(seventh.partners[0], '有关部门');
      // （市税务局、市市场监管局等按职责分工负责）
      assert.deepEqual(units(row(all, '二、/（十五）')), { leads: [], partners: ['市税务局', '市市场监管局等'] });
    });

    it('Xiamen （一）: the union of three clauses, each unit once in document order, a name broken across lines joined', function () {
      const first = row(rows('xiamen-city-2020'), '一、/（一）');
      assert.deepEqual(first.leads, []);
      assert.deepEqual(first.partners, ['市通信管理局', '市公安局', '市商务局', '厦门海关', '市市场监管局', '市委网信办', '市市政园林局', '市邮政管理局', '市委宣传部', '市文旅局']);
      assert.equal(new Set(first.partners).size, first.partners.length);
    });

    it('Jiyuan: outline paths through 1. sub-items, elided prefixes written as in the text', function () {
      const all = rows('jiyuan-zone-2023');
      assert.ok(all.every((r) => r.path[r.path.length - 1] === r.number));
      // Every task is a 1. under a （一） under a 一、, but the last: （三）健全考核评价机制 has no sub-items.
      assert.deepEqual(all.filter((r) => r.path.length !== 3).map((r) => [r.path, r.title]), [[['七、', '（三）'], '健全考核评价机制']]);
      assert.equal(new Set(all.map((r) => r.path.join('/'))).size, all.length, 'paths are unique though （一） and 1. restart');
      const first = row(all, '一、/（一）/1．');
      assert.equal(first.section, '突出问题导向，加强重点领域治理');
      assert.equal(first.title, '开展“剑网 2023”专项行动，大力推进互联网领域侵权假冒治理，严厉打击网络侵权盗版行为');
      // （示范区公安局、农业农村局、发展改革和统计局、市场监管局按职责分工负责）
      assert.deepEqual(units(row(all, '一、/（二）/2．')), { leads: [], partners: ['示范区公安局', '农业农村局', '发展改革和统计局', '市场监管局'] });
      // （示范区农业农村局牵头，工科委、卫健委、市场监管局、市检察院按职责分工负责）
      assert.deepEqual(units(row(all, '一、/（二）/1．')), { leads: ['示范区农业农村局'], partners: ['工科委', '卫健委', '市场监管局', '市检察院'] });
      // （示范区党工委宣传部牵头、示范区市场监管局按职责分工负责）: 、 after 牵头 ends the lead's segment.
      assert.deepEqual(units(row(all, '一、/（一）/4．')), { leads: ['示范区党工委宣传部'], partners: ['示范区市场监管局'] });
      // (示范区市场监管局牵头,生态环境局等领导小组有关成员单位按职责分工负责): the 等 leads into the placeholder.
      assert.deepEqual(units(row(all, '一、/（三）/6．')), { leads: ['示范区市场监管局'], partners: ['生态环境局', '领导小组有关成员单位'] });
      // A clause broken by a line break and closed with a half-width bracket.
      assert.deepEqual(units(row(all, '一、/（三）/3．')), { leads: ['示范区卫健委'], partners: ['示范区领导小组有关成员单位'] });
    });

    it('Guandu: a unit named twice in one clause is listed once; items aligned across regrouped sections', function () {
      const all = rows('guandu-district-2020');
      assert.equal(all.length, 31);
      // （区委宣传部牵头负责，区科信局、区财政局、国资委、区市场监管局、区市场监管局按职责分工分别负责）
      assert.deepEqual(units(row(all, '三、/（十一）')), { leads: ['区委宣传部'], partners: ['区科信局', '区财政局', '国资委', '区市场监管局'] });
      // （区市场监管局牵头负责,区委宣传部、…）: a half-width comma between lead and partners.
      const fourth = row(all, '一、/（四）');
      assert.deepEqual(fourth.leads, ['区市场监管局']);
      assert.deepEqual(fourth.national, [{ number: '（五）', title: '加强重点市场监管' }]);
      assert.deepEqual(row(all, '八、/（三十一）').national, [{ number: '（三十五）', title: '加强系统性宣传' }]);
    });

    it('Nantong (no clauses): 18 rows with empty unit columns; a merged item names both national tasks', function () {
      const all = rows('nantong-city-2017');
      assert.equal(all.length, 18);
      for (const r of all) assert.deepEqual(units(r), { leads: [], partners: [] });
      assert.deepEqual(all.find((r) => r.number === '（十二）')?.national.map((n) => n.number), ['（十六）', '（十八）']);
      assert.ok(all.some((r) => r.national.length === 0), 'local additions have no national task');
    });

    it('no national column for the national plan itself, nor without parent plans', function () {
      const national = rows('national-2020');
      assert.equal(national.length, 35);
      assert.ok(national.every((r) => r.national.length === 0));
      assert.deepEqual(units(row(national, '一、/（五）')), { leads: ['市场监管总局'], partners: ['中央宣传部', '公安部', '农业农村部', '商务部', '文化和旅游部'] });
      const plain = rows('xiamen-city-2020', service());
      assert.equal(plain.length, 35);
      assert.ok(plain.every((r) => r.national.length === 0));
      assert.deepEqual(plain.map(units), rows('xiamen-city-2020').map(units));
    });

    it('a plan without sections: the section is empty and the path is the item alone', function () {
      const text = joinLines('（一）加强组织领导。各单位加强领导。（市公安局牵头，市商务局按职责分工负责）', '', '（二）强化督查考核。开展督查。（市财政局负责）', '');
      const all = service().getTaskBreakdown(freshDoc(text));
      assert.deepEqual(all.map((r) => [r.path, r.section, r.title, r.leads, r.partners]), [
        [['（一）'], '', '加强组织领导', ['市公安局'], ['市商务局']],
        [['（二）'], '', '强化督查考核', [], ['市财政局']],
      ]);
    });
  });

  describe('CSV', function () {
    it('starts with the BOM, ends every record in CRLF, header + one record per task', function () {
      for (const seed of ['xiamen-city-2020', 'guandu-district-2020', 'jiyuan-zone-2023', 'nantong-city-2017', 'national-2020'] as const) {
        const doc = freshDoc(loadSeed(seed));
        const csv = svc.exportTaskBreakdown(doc, 'csv');
        assert.ok(csv.startsWith('\uFEFF'), seed);
        assert.ok(csv.endsWith('\r\n'), seed);
        assert.doesNotMatch(csv.replace(/\r\n/g, ''), /[\r\n]/, `${seed}: no bare CR or LF`);
        const records = parseCsv(csv.slice(1));
        const expected = svc.getTaskBreakdown(doc);
        assert.equal(records.length, expected.length + 1, seed);
        assert.deepEqual(records[0], HEADER_ZH);
        records.slice(1).forEach((r, i) => {
          const e = expected[i];
          assert.deepEqual(r, [e.path.join('/'), e.section, e.title, e.leads.join('、'), e.partners.join('、'), e.national.map((n) => n.number + n.title).join('；')]);
        });
      }
    });

    it('Jiyuan titles with half-width commas are quoted and read back whole', function () {
      const csv = svc.exportTaskBreakdown(freshDoc(loadSeed('jiyuan-zone-2023')), 'csv');
      const records = parseCsv(csv.slice(1));
      const car = records.find((r) => r[0] === '一、/（三）/7．');
      assert.ok(car);
      assert.equal(car.length, 6);
      assert.match(car[2], /^加强车用汽柴油质量监管,严肃查处/);
      assert.ok(csv.includes(`,"${car[2]}",`), 'the title is quoted');
    });

    it('quotes fields with commas, quotes, CR and LF (quotes doubled) and reads them back', function () {
      const tricky = sample({
        title: '他说"加强",并且\r\n换行\n再换行\r回车',
        leads: ['甲局,乙局'],
        partners: ['丙局', '丁"局'],
        national: [{ number: '（一）', title: '加强互联网侵权假冒治理' }, { number: '（二）', title: '开展农村市场治理' }],
      });
      const csv = toCsv([tricky, sample({ path: ['一、', '（二）'], title: '普通' })], 'zh-cn');
      assert.ok(csv.includes('"他说""加强"",并且\r\n换行\n再换行\r回车"'));
      assert.deepEqual(parseCsv(csv.slice(1)), [
        HEADER_ZH,
        ['一、/（一）', '总体要求', '他说"加强",并且\r\n换行\n再换行\r回车', '甲局,乙局', '丙局、丁"局', '（一）加强互联网侵权假冒治理；（二）开展农村市场治理'],
        ['一、/（二）', '总体要求', '普通', '', '', ''],
      ]);
      // Nothing is quoted that need not be.
      assert.ok(csv.includes('\r\n一、/（二）,总体要求,普通,,,\r\n'));
    });

    it('guards cells a spreadsheet would read as a formula with a leading apostrophe', function () {
      assert.equal(guardFormula('=1+2'), "'=1+2");
      assert.equal(guardFormula('+市商务局'), "'+市商务局");
      assert.equal(guardFormula('-1'), "'-1");
      assert.equal(guardFormula('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(guardFormula('\t=1'), "'\t=1");
      assert.equal(guardFormula('市公安局=1'), '市公安局=1');
      assert.equal(guardFormula(''), '');
      // From a plan: a title and units typed as formulas.
      const text = joinLines(
        '一、总体要求',
        '',
        '（一）=HYPERLINK("http://example.com","x")加强领导。加强领导。（@市公安局牵头，+市商务局、-市财政局按职责分工负责）',
        '',
        '（二）强化督查考核。开展督查。（市财政局负责）',
        '',
      );
      const csv = service().exportTaskBreakdown(freshDoc(text), 'csv');
      const records = parseCsv(csv.slice(1));
      assert.deepEqual(records[1].slice(2, 5), ['\'=HYPERLINK("http://example.com","x")加强领导', "'@市公安局", "'+市商务局、-市财政局"]);
      assert.deepEqual(records[2].slice(2, 5), ['强化督查考核', '', '市财政局']);
    });

    it('English headers with locale en; the cells stay as written', function () {
      const en = nationalService('en');
      const doc = freshDoc(loadSeed('guandu-district-2020'));
      const records = parseCsv(en.exportTaskBreakdown(doc, 'csv').slice(1));
      assert.deepEqual(records[0], HEADER_EN);
      assert.deepEqual(records.slice(1), parseCsv(svc.exportTaskBreakdown(doc, 'csv').slice(1)).slice(1));
    });
  });

  describe('Markdown', function () {
    it('a header, the separator and one table row per task', function () {
      for (const seed of ['xiamen-city-2020', 'jiyuan-zone-2023', 'nantong-city-2017'] as const) {
        const doc = freshDoc(loadSeed(seed));
        const md = svc.exportTaskBreakdown(doc, 'markdown');
        const lines = md.split('\n').filter((l) => l.length > 0);
        const expected = svc.getTaskBreakdown(doc);
        assert.equal(lines.length, expected.length + 2, seed);
        assert.ok(lines.every((l) => l.startsWith('|')), seed);
        assert.deepEqual(markdownCells(lines[0]), HEADER_ZH);
        assert.deepEqual(markdownCells(lines[1]), Array(6).fill('---'));
        lines.slice(2).forEach((l, i) => {
          const cells = markdownCells(l);
          assert.equal(cells.length, 6, l);
          assert.equal(cells[0], expected[i].path.join('/'));
          assert.equal(cells[2], expected[i].title);
        });
      }
      const fifth = svc.exportTaskBreakdown(freshDoc(loadSeed('xiamen-city-2020')), 'markdown').split('\n').find((l) => l.startsWith('| 一、/（五） |'));
      assert.equal(fifth, '| 一、/（五） | 深化重点领域治理和产品监管 | 加强重点市场监管 | 市市场监管局 | 市委宣传部、市公安局、市农业农村局、市商务局、市文旅局 | （五）加强重点市场监管 |');
    });

    it('escapes | and backslashes, turns line breaks into <br>; English headers', function () {
      const md = toMarkdown([sample({ title: 'a|b\\c\nd\r\ne', partners: ['甲|乙'] })], 'en');
      const lines = md.split('\n').filter((l) => l.length > 0);
      assert.equal(lines.length, 3);
      assert.deepEqual(markdownCells(lines[0]), HEADER_EN);
      const cells = markdownCells(lines[2]);
      assert.equal(cells.length, 6);
      assert.equal(cells[2], 'a\\|b\\\\c<br>d<br>e');
      assert.equal(cells[4], '甲\\|乙');
    });
  });
});
