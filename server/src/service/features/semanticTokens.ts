import type { AgencyRef } from '../registry/resolve';
import type { Problem } from '../checks/problem';
import type { PlanDocument } from '../syntax/model';

/**
 * Semantic tokens for what the TextMate grammar cannot know: whether a unit
 * named in a responsibility clause is one the registry knows for this plan's
 * level and region, and its role. Units are `agency` tokens, placeholders
 * (有关部门, 相关成员单位) `placeholder` tokens; `lead` marks 牵头 units,
 * `unknown` the units reported as agency.unknown, `otherLevel` those of
 * another level or region (agency.level, agency.national-in-local).
 *
 * The types and modifiers are custom; package.json declares them
 * (`contributes.semanticTokenTypes` / `semanticTokenModifiers`, with a
 * superType) and maps them to TextMate scopes (`semanticTokenScopes`).
 */

export const TOKEN_TYPES = ['agency', 'placeholder'] as const;
export const TOKEN_MODIFIERS = ['lead', 'unknown', 'otherLevel'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKEN_LEGEND: { readonly tokenTypes: string[]; readonly tokenModifiers: string[] } = Object.freeze({
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
});

/** The problems that say what an unresolved unit is, by code → modifier. */
const MODIFIER_OF_CODE: Readonly<Record<string, TokenModifier>> = {
  'agency.unknown': 'unknown',
  'agency.level': 'otherLevel',
  'agency.national-in-local': 'otherLevel',
};

interface Token {
  /** Document offsets on one line. */
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

const bit = (modifier: TokenModifier) => 1 << TOKEN_MODIFIERS.indexOf(modifier);

/**
 * The tokens of every unit of every clause, encoded as LSP wants them:
 * five numbers per token (line delta, start delta, length, type, modifier
 * bits), positions in UTF-16 code units, sorted, one token per line part of
 * a name broken across lines.
 */
export function semanticTokens(doc: PlanDocument, refs: readonly AgencyRef[], problems: readonly Problem[]): { data: number[] } {
  const modifierAt = new Map<number, TokenModifier>();
  for (const p of problems) {
    const modifier = MODIFIER_OF_CODE[p.code];
    if (modifier) modifierAt.set(p.start, modifier);
  }

  const tokens: Token[] = [];
  for (const ref of refs) {
    const { unit } = ref;
    let modifiers = unit.role === 'lead' ? bit('lead') : 0;
    let type: TokenType = 'agency';
    if (ref.placeholder) {
      type = 'placeholder';
    } else if (!ref.agency) {
      modifiers |= bit(modifierAt.get(unit.start) ?? 'unknown');
    }
    const typeIndex = TOKEN_TYPES.indexOf(type);
    for (const [start, end] of lineParts(doc, ref)) tokens.push({ start, end, type: typeIndex, modifiers });
  }
  return { data: encode(doc, tokens) };
}

/**
 * The document ranges of a unit's characters, one per line: a name broken
 * across lines (市通信 / 管理局), even by a blank or page-marker line, gives
 * one range per line it has characters on.
 */
function lineParts(doc: PlanDocument, ref: AgencyRef): Array<[number, number]> {
  const { unit } = ref;
  const clause = ref.heading.clauses.find((c) => c.start <= unit.start && unit.start < c.end);
  const { lines } = doc;
  const parts: Array<[number, number]> = [];
  if (!clause || clause.offsets[unit.contentStart] !== unit.start) {
    // Not expected: split the span at line ends.
    for (let line = lines.lineAt(unit.start); line < lines.lineCount && lines.lineStarts[line] < unit.end; line++) {
      const start = Math.max(unit.start, lines.lineStarts[line]);
      const end = Math.min(unit.end, lines.lineContentEnd(line));
      if (end > start) parts.push([start, end]);
    }
    return parts;
  }
  let line = -1;
  let lineEnd = -1;
  for (let i = unit.contentStart; i < unit.contentEnd; i++) {
    const offset = clause.offsets[i];
    if (offset >= lineEnd) {
      line = lines.lineAt(offset);
      lineEnd = lines.lineContentEnd(line);
      parts.push([offset, offset + 1]);
    } else {
      parts[parts.length - 1][1] = offset + 1;
    }
  }
  return parts;
}

function encode(doc: PlanDocument, tokens: Token[]): number[] {
  tokens.sort((a, b) => a.start - b.start || a.end - b.end);
  const data: number[] = [];
  let previousLine = 0;
  let previousChar = 0;
  let previousEnd = -1;
  for (const token of tokens) {
    // Units never share characters; should two tokens ever overlap, the first one stays.
    if (token.start < previousEnd) continue;
    const { line, character } = doc.lines.positionAt(token.start);
    data.push(line - previousLine, line === previousLine ? character - previousChar : character, token.end - token.start, token.type, token.modifiers);
    previousLine = line;
    previousChar = character;
    previousEnd = token.end;
  }
  return data;
}
