import type { Document, Element } from '@xmldom/xmldom';
import { childVal, intVal, onOff, wAttr, wChild, wChildren } from './wordXml';

/**
 * The styles of a .docx (styles.xml) as far as reading the text needs them:
 * the list a paragraph style numbers its paragraphs with, and whether a
 * style hides its text, each inherited along the `basedOn` chain.
 */

/** A paragraph's list as its properties or its style give it; `numId` "0" means "not numbered". */
export interface NumberingProperties {
  numId?: string;
  ilvl?: number;
  /** The style that gave the numbering, which a list level can be linked to (`w:pStyle` in the level). */
  styleId?: string;
}

/** A basedOn chain longer than this loops (Word's deepest built-in chains are a few styles). */
const MAX_CHAIN = 32;

export class WordStyles {
  private readonly byId = new Map<string, Element>();
  private readonly defaults = new Map<string, string>();
  private readonly docDefaultRun: Element | undefined;
  /** Hidden or not, by character style and paragraph style: asked for every run. */
  private readonly hiddenByStyles = new Map<string, boolean>();
  /** Asked for every paragraph. */
  private readonly numberingByStyle = new Map<string | undefined, NumberingProperties | undefined>();

  constructor(doc: Document | undefined) {
    const root = doc?.documentElement ?? undefined;
    for (const style of wChildren(root, 'style')) {
      const id = wAttr(style, 'styleId');
      const type = wAttr(style, 'type') ?? 'paragraph';
      if (id !== undefined && !this.byId.has(id)) this.byId.set(id, style);
      if (id !== undefined && ['1', 'true', 'on'].includes(wAttr(style, 'default') ?? '') && !this.defaults.has(type)) this.defaults.set(type, id);
    }
    this.docDefaultRun = wChild(wChild(wChild(root, 'docDefaults'), 'rPrDefault'), 'rPr');
  }

  /** The style and the styles it is based on, nearest first; a paragraph without a style has the default one. */
  private chain(styleId: string | undefined, type: 'paragraph' | 'character'): Element[] {
    const out: Element[] = [];
    let id = styleId ?? (type === 'paragraph' ? this.defaults.get('paragraph') : undefined);
    while (id !== undefined && out.length < MAX_CHAIN) {
      const style = this.byId.get(id);
      if (!style || out.includes(style)) break;
      out.push(style);
      id = childVal(style, 'basedOn');
    }
    return out;
  }

  /** The numbering a paragraph style gives its paragraphs, from the nearest style in its chain that says. */
  paragraphNumbering(styleId: string | undefined): NumberingProperties | undefined {
    if (this.numberingByStyle.has(styleId)) return this.numberingByStyle.get(styleId);
    let found: NumberingProperties | undefined;
    for (const style of this.chain(styleId, 'paragraph')) {
      const numPr = wChild(wChild(style, 'pPr'), 'numPr');
      const numId = childVal(numPr, 'numId');
      const ilvl = intVal(childVal(numPr, 'ilvl'), 0, 8);
      if (numId !== undefined || ilvl !== undefined) {
        found = { numId, ilvl, styleId: wAttr(style, 'styleId') };
        break;
      }
    }
    this.numberingByStyle.set(styleId, found);
    return found;
  }

  /** The list a numbering style (the target of an abstract list's `w:numStyleLink`) stands for. */
  numberingStyleNumId(styleId: string): string | undefined {
    return childVal(wChild(wChild(this.byId.get(styleId), 'pPr'), 'numPr'), 'numId');
  }

  /**
   * Whether a run's text is hidden: its own properties first, then its character style's chain, its paragraph
   * style's chain and the document defaults. (Hidden is a toggle property, which Word can also flip between
   * levels of styles; no real document relies on that, and the nearest setting is taken.)
   */
  isHidden(runProperties: Element | undefined, paragraphStyle: string | undefined): boolean {
    const own = onOff(runProperties, 'vanish');
    if (own !== undefined) return own;
    const runStyle = childVal(runProperties, 'rStyle');
    const key = `${runStyle ?? ''}\u0000${paragraphStyle ?? ''}`;
    let hidden = this.hiddenByStyles.get(key);
    if (hidden === undefined) {
      const styles = [...this.chain(runStyle, 'character'), ...this.chain(paragraphStyle, 'paragraph')];
      hidden = styles.map((style) => onOff(wChild(style, 'rPr'), 'vanish')).find((v) => v !== undefined) ?? onOff(this.docDefaultRun, 'vanish') ?? false;
      this.hiddenByStyles.set(key, hidden);
    }
    return hidden;
  }
}
