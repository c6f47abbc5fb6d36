/**
 * XML 1.0 cannot carry every string: C0 controls other than tab, line feed
 * and carriage return, a lone surrogate, U+FFFE and U+FFFF are not
 * characters of it, and a package holding one is refused by Word and Excel
 * as damaged. Each such code unit becomes U+FFFD, which the reader sees as
 * the replacement mark where the unreadable character was.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT = '\uFFFD';

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, REPLACEMENT);
}
