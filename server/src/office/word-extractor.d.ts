/** The part of word-extractor 1.0 (which ships no types) that docRead.ts uses. */
declare module 'word-extractor' {
  interface WordDocument {
    /** `filterUnicode` (on by default) turns curly quotes and dashes into ASCII. */
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  class WordExtractor {
    extract(source: Buffer | string): Promise<WordDocument>;
  }
  export = WordExtractor;
}
