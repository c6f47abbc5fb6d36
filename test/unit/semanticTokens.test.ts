import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SEMANTIC_TOKEN_LEGEND, type WorkplanLanguageService } from '../../server/src/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { freshDoc, loadSeed, nationalService, REPO_ROOT, SEED_NAMES, type SeedName } from './util';

/** Semantic tokens of the units in responsibility clauses (features/semanticTokens.ts). */

export interface DecodedToken {
  line: number;
  char: number;
  length: number;
  type: string;
  modifiers: string[];
  /** The text the token covers. */
  text: string;
  /** Document offset of its first character. */
  offset: number;
}

/** LSP's relative encoding back to absolute tokens, with the text each one covers. */
export function decode(text: string, data: readonly number[]): DecodedToken[] {
  assert.strictEqual(data.length % 5, 0, 'five numbers per token');
  const index = new LineIndex(text);
  const tokens: DecodedToken[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaChar, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    char = deltaLine === 0 ? char + deltaChar : deltaChar;
    const offset = index.lineStarts[line] + char;
    tokens.push({
      line,
      char,
      length,
      type: SEMANTIC_TOKEN_LEGEND.tokenTypes[type],
      modifiers: SEMANTIC_TOKEN_LEGEND.tokenModifiers.filter((_, bit) => bits & (1 << bit)),
      text: text.slice(offset, offset + length),
      offset,
    });
  }
  return tokens;
}

const svc: WorkplanLanguageService = nationalService();

function tokensOf(text: string, s = svc): DecodedToken[] {
  return decode(text, s.getSemanticTokens(freshDoc(text)).data);
}

/** The token starting at the n-th occurrence of `unit` inside `context` (a unique piece of the plan's text). */
function tokenAt(text: string, tokens: DecodedToken[], context: string, unit: string): DecodedToken {
  const at = text.indexOf(context);
  assert.ok(at >= 0, `'${context}' not found`);
  assert.strictEqual(text.indexOf(context, at + 1), -1, `'${context}' is not unique`);
  const offset = at + context.indexOf(unit);
  const token = tokens.find((t) => t.offset === offset);
  assert.ok(token, `no token at ${unit} in ${context}`);
  return token;
}

describe('semantic tokens', () => {
  const xiamen = loadSeed('xiamen-city-2020');
  const guandu = loadSeed('guandu-district-2020');
  const national = loadSeed('national-2020');

  describe('the legend', () => {
    it('is agency and placeholder; lead, unknown and otherLevel', () => {
      assert.deepStrictEqual(SEMANTIC_TOKEN_LEGEND, { tokenTypes: ['agency', 'placeholder'], tokenModifiers: ['lead', 'unknown', 'otherLevel'] });
    });

    it('declares in package.json exactly the custom types and modifiers of the legend, each with a superType or description, and maps only them to scopes', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        contributes: {
          semanticTokenTypes: Array<{ id: string; superType?: string; description: string }>;
          semanticTokenModifiers: Array<{ id: string; description: string }>;
          semanticTokenScopes: Array<{ language?: string; scopes: Record<string, string[]> }>;
        };
      };
      const { semanticTokenTypes, semanticTokenModifiers, semanticTokenScopes } = manifest.contributes;
      // The legend has no standard type or modifier: every entry is custom and must be declared.
      assert.deepStrictEqual(semanticTokenTypes.map((t) => t.id), SEMANTIC_TOKEN_LEGEND.tokenTypes);
      assert.deepStrictEqual(semanticTokenModifiers.map((m) => m.id), SEMANTIC_TOKEN_LEGEND.tokenModifiers);
      const standardTypes = ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'comment', 'string', 'number', 'regexp', 'operator'];
      for (const t of semanticTokenTypes) {
        assert.ok(t.superType && standardTypes.includes(t.superType), `${t.id} has a standard superType so that themes colour it`);
        assert.ok(t.description, `${t.id} has a description`);
      }
      for (const m of semanticTokenModifiers) assert.ok(m.description, `${m.id} has a description`);
      const scopes = semanticTokenScopes.find((s) => s.language === 'workplan');
      assert.ok(scopes, 'scopes for the workplan language');
      for (const [selector, tmScopes] of Object.entries(scopes.scopes)) {
        const [type, ...modifiers] = selector.split('.');
        assert.ok(SEMANTIC_TOKEN_LEGEND.tokenTypes.includes(type), `${selector}: type in the legend`);
        for (const m of modifiers) assert.ok(SEMANTIC_TOKEN_LEGEND.tokenModifiers.includes(m), `${selector}: modifier ${m} in the legend`);
        assert.ok(Array.isArray(tmScopes) && tmScopes.length > 0 && tmScopes.every((s) => typeof s === 'string' && s.endsWith('.workplan')), `${selector}: TextMate scopes`);
      }
      for (const type of SEMANTIC_TOKEN_LEGEND.tokenTypes) assert.ok(scopes.scopes[type], `${type} has a scope`);
      assert.ok(scopes.scopes['agency.unknown'][0].startsWith('invalid.illegal.'), 'an unknown unit is invalid.illegal');
    });
  });

  describe('Xiamen (city)', () => {
    const tokens = tokensOf(xiamen);

    it('（市市场监管局牵头，市委宣传部、…）: the lead is agency + lead, a partner agency without lead, both known', () => {
      const clause = '（市市场监管局牵头，市委宣传部、市公安局、市农业农村局、市商务局、市文旅局按职责分工负责）';
      const lead = tokenAt(xiamen, tokens, clause, '市市场监管局');
      assert.deepStrictEqual([lead.type, lead.modifiers, lead.text], ['agency', ['lead'], '市市场监管局']);
      const partner = tokenAt(xiamen, tokens, clause, '市委宣传部');
      assert.deepStrictEqual([partner.type, partner.modifiers, partner.text], ['agency', [], '市委宣传部']);
      const last = tokenAt(xiamen, tokens, clause, '市文旅局');
      assert.deepStrictEqual([last.type, last.modifiers, last.text], ['agency', [], '市文旅局']);
    });

    it('有关部门 and 相关成员单位 are placeholders, not agencies', () => {
      const some = tokenAt(xiamen, tokens, '（市市场监管局牵头，有关部门按职责分工负责）严厉打击', '有关部门');
      assert.deepStrictEqual([some.type, some.modifiers, some.text], ['placeholder', [], '有关部门']);
      const members = tokens.filter((t) => t.text === '相关成员单位');
      assert.ok(members.length > 0, '相关成员单位 in the Xiamen plan');
      for (const t of members) assert.strictEqual(t.type, 'placeholder');
      for (const t of tokens.filter((t) => t.type === 'placeholder')) assert.match(t.text, /有关|相关|成员单位/);
    });

    it('市通信 / 管理局, broken across lines, gives one token per line part', () => {
      const at = xiamen.indexOf('（市委宣传部、市通信\n');
      assert.ok(at >= 0, 'the broken name in the seed');
      const first = tokens.find((t) => t.offset === at + '（市委宣传部、'.length);
      assert.ok(first, 'a token on 市通信');
      const index = new LineIndex(xiamen);
      const second = tokens[tokens.indexOf(first) + 1];
      assert.deepStrictEqual([first.text, first.type, first.modifiers], ['市通信', 'agency', []]);
      assert.deepStrictEqual([second.text, second.type, second.modifiers], ['管理局', 'agency', []]);
      // A blank line lies between the two parts.
      assert.strictEqual(second.line, first.line + 2);
      assert.strictEqual(second.char, 0);
      assert.strictEqual(first.char + first.length, index.lineContentEnd(first.line) - index.lineStarts[first.line], '市通信 ends its line');
    });

    it('every unit is a registered unit of Xiamen: no unknown or otherLevel', () => {
      assert.ok(tokens.length > 200, `${tokens.length} tokens`);
      assert.deepStrictEqual(tokens.filter((t) => t.modifiers.some((m) => m !== 'lead')).map((t) => t.text), []);
    });
  });

  describe('Guandu (district)', () => {
    const tokens = tokensOf(guandu);

    it('区生态环境局, not in the registry for Guandu, is agency + unknown (and lead)', () => {
      const t = tokenAt(guandu, tokens, '（区生态环境局牵头负责，', '区生态环境局');
      assert.deepStrictEqual([t.type, t.text], ['agency', '区生态环境局']);
      assert.deepStrictEqual(t.modifiers, ['lead', 'unknown']);
    });

    it('国资委 without its prefix in a district plan is otherLevel, not unknown', () => {
      const t = tokenAt(guandu, tokens, '区财政局、国资委、区市场监管局', '国资委');
      assert.deepStrictEqual([t.type, t.modifiers, t.text], ['agency', ['otherLevel'], '国资委']);
    });

    it('the modifiers agree with the diagnostics: agency.unknown ⇔ unknown, agency.level and agency.national-in-local ⇔ otherLevel', () => {
      const index = new LineIndex(guandu);
      const diagnostics = svc.computeDiagnostics(freshDoc(guandu));
      const expected = diagnostics
        .filter((d) => ['agency.unknown', 'agency.level', 'agency.national-in-local'].includes(String(d.code)))
        .map((d) => `${index.offsetAt(d.range.start)} ${d.code === 'agency.unknown' ? 'unknown' : 'otherLevel'}`)
        .sort();
      const actual = tokens
        .filter((t) => t.modifiers.includes('unknown') || t.modifiers.includes('otherLevel'))
        .map((t) => `${t.offset} ${t.modifiers.filter((m) => m !== 'lead').join(',')}`)
        .sort();
      assert.ok(expected.length > 0, 'Guandu has unit problems');
      assert.deepStrictEqual(actual, expected);
    });
  });

  describe('the national plan', () => {
    const tokens = tokensOf(national);

    it('names known national agencies: 公安部, 市场监管总局, 高法院 … are agencies without unknown or otherLevel', () => {
      for (const unit of ['公安部', '市场监管总局', '高法院', '高检院', '海关总署', '知识产权局']) {
        const found = tokens.filter((t) => t.text === unit);
        assert.ok(found.length > 0, `${unit} is a token`);
        for (const t of found) assert.strictEqual(t.type, 'agency', unit);
      }
      assert.deepStrictEqual(tokens.filter((t) => t.modifiers.some((m) => m !== 'lead')).map((t) => t.text), []);
    });
  });

  describe('positions', () => {
    it('are UTF-16 columns: the column of 市市场监管局 is its indexOf from the line start', () => {
      const tokens = tokensOf(xiamen);
      const index = new LineIndex(xiamen);
      const at = xiamen.indexOf('（市市场监管局牵头，有关部门按职责分工负责）') + 1;
      const position = index.positionAt(at);
      const t = tokens.find((x) => x.line === position.line && x.char === at - index.lineStarts[position.line]);
      assert.ok(t, 'a token at the indexOf column');
      assert.deepStrictEqual([t.text, t.length], ['市市场监管局', '市市场监管局'.length]);
    });

    it('count a character outside the BMP as two columns, and a unit written with one as two more', () => {
      const clause = '（市公安局牵头，𠮷市局、市市场监管局按职责分工负责）';
      const text = xiamen.replace('（市市场监管局牵头，有关部门按职责分工负责）', `𠮷𠮷${clause}`);
      const tokens = tokensOf(text);
      const lineStart = text.lastIndexOf('\n', text.indexOf(clause)) + 1;
      const lead = tokenAt(text, tokens, clause, '市公安局');
      assert.strictEqual(lead.char, text.indexOf(clause) + 1 - lineStart);
      assert.strictEqual(lead.char, text.slice(lineStart, text.indexOf(clause)).length + 1, 'UTF-16 code units, 𠮷 counting two');
      const odd = tokenAt(text, tokens, clause, '𠮷市局');
      assert.deepStrictEqual([odd.length, odd.modifiers], [4, ['unknown']]);
      const partner = tokenAt(text, tokens, clause, '市市场监管局');
      assert.strictEqual(partner.char, odd.char + 5);
    });

    it('a name broken by a page marker gives two tokens that leave the marker alone', () => {
      const text = xiamen.replace('（市委宣传部、市通信\n\n管理局', '（市委宣传部、市通信\n\n— 3 —\n\n  管理局');
      const tokens = tokensOf(text);
      const first = tokens.find((t) => t.text === '市通信');
      assert.ok(first);
      const second = tokens[tokens.indexOf(first) + 1];
      assert.deepStrictEqual([second.text, second.line, second.char], ['管理局', first.line + 4, 2]);
    });

    for (const name of SEED_NAMES) {
      it(`${name}: tokens are sorted, do not overlap, stay within one line and cover the unit names`, () => {
        const text = loadSeed(name as SeedName);
        const index = new LineIndex(text);
        const tokens = tokensOf(text);
        for (let i = 0; i < tokens.length; i++) {
          const t = tokens[i];
          assert.ok(t.length > 0, 'not empty');
          assert.ok(t.offset + t.length <= index.lineContentEnd(t.line), `${t.line}:${t.char} stays on its line`);
          assert.doesNotMatch(t.text, /[\s、，,（）()；;]/, `${t.text} is a name`);
          assert.ok(t.type === 'agency' || t.type === 'placeholder', t.type);
          if (i > 0) {
            const p = tokens[i - 1];
            assert.ok(p.line < t.line || (p.line === t.line && p.char + p.length <= t.char), `${p.line}:${p.char} before ${t.line}:${t.char}, not overlapping`);
          }
        }
        if (name === 'nantong-city-2017') assert.strictEqual(tokens.length, 0, 'Nantong has no clauses');
        else assert.ok(tokens.length > 50, `${tokens.length} tokens`);
      });
    }
  });

  describe('the document', () => {
    it('an empty document and a text without clauses have no tokens', () => {
      assert.deepStrictEqual(svc.getSemanticTokens(freshDoc('')), { data: [] });
      assert.deepStrictEqual(svc.getSemanticTokens(freshDoc('一、总体要求\n（一）加强宣传。做好宣传工作。\n')), { data: [] });
    });

    it('Jiyuan: units after an elided prefix (示范区公安局、农业农村局) are known agencies', () => {
      const jiyuan = loadSeed('jiyuan-zone-2023');
      const tokens = tokensOf(jiyuan);
      const t = tokenAt(jiyuan, tokens, '（示范区公安局、农业农村局、发展改革和统计局、市场监管局按职责分工负责）', '农业农村局');
      assert.deepStrictEqual([t.type, t.modifiers], ['agency', []]);
    });

    it('follow the text: a new version with a mistyped unit marks it unknown', () => {
      const uri = 'test://semantic-versions.workplan';
      const clause = '（市市场监管局牵头，有关部门按职责分工负责）';
      const v1 = svc.getSemanticTokens({ uri, version: 1, getText: () => xiamen });
      const typo = xiamen.replace(clause, '（市市场监督局牵头，有关部门按职责分工负责）');
      const v2 = svc.getSemanticTokens({ uri, version: 2, getText: () => typo });
      const before = tokenAt(xiamen, decode(xiamen, v1.data), clause, '市市场监管局');
      const after = decode(typo, v2.data).find((t) => t.offset === before.offset);
      assert.deepStrictEqual(before.modifiers, ['lead']);
      assert.deepStrictEqual([after?.text, after?.modifiers], ['市市场监督局', ['lead', 'unknown']]);
      svc.forget(uri);
    });
  });
});
