import type { Element, Node } from '@xmldom/xmldom';

/**
 * Reading WordprocessingML elements: the main namespace in its transitional
 * and strict forms (Word writes the strict one for “Strict Open XML”), the
 * `w:val` style of attributes, and on/off properties.
 */

const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const ELEMENT_NODE = 1;

export function isW(node: Node | null | undefined, localName?: string): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE && W_NAMESPACES.has(node.namespaceURI ?? '') && (localName === undefined || node.localName === localName);
}

/** The WordprocessingML child elements of `el`, or those of one name. */
export function wChildren(el: Element | undefined, localName?: string): Element[] {
  const out: Element[] = [];
  for (let n = el?.firstChild; n; n = n.nextSibling) if (isW(n, localName)) out.push(n);
  return out;
}

export function wChild(el: Element | undefined, localName: string): Element | undefined {
  for (let n = el?.firstChild; n; n = n.nextSibling) if (isW(n, localName)) return n;
  return undefined;
}

/** A `w:` attribute (attributes take the namespace of their element). */
export function wAttr(el: Element | undefined, name: string): string | undefined {
  return el?.getAttributeNodeNS(el.namespaceURI, name)?.value;
}

/** The `w:val` of the child `localName`, when there is that child. */
export function childVal(el: Element | undefined, localName: string): string | undefined {
  return wAttr(wChild(el, localName), 'val');
}

/** An integer attribute, clamped into a sane range, or undefined when absent or not a number. */
export function intVal(value: string | undefined, min = 0, max = 0x7fffffff): number | undefined {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return undefined;
  return Math.min(max, Math.max(min, Number.parseInt(value, 10)));
}

/** An on/off property such as `<w:vanish/>`: undefined when absent, otherwise its value (no `w:val` is on). */
export function onOff(el: Element | undefined, localName: string): boolean | undefined {
  const prop = wChild(el, localName);
  if (!prop) return undefined;
  const val = wAttr(prop, 'val');
  return val === undefined || !['false', '0', 'off'].includes(val);
}
