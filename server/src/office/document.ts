/**
 * What reading a Word or PDF file gives the rest of the product: the plan
 * as text, one line per paragraph, and where each line stands in the
 * original, so that a reviewer holding the .docx or the printed PDF can find
 * what a diagnostic points at. Readers and writers of the formats live
 * beside this file; none of them touches the file system (the CLI and the
 * server read and write the bytes), and none of them is part of the language
 * service, which only ever sees text.
 */
import type { MessageArgs, MessageKey } from '../service';

export type OfficeFormat = 'docx' | 'doc' | 'pdf';

/** Where a line of the extracted text is in the original document. */
export interface SourcePosition {
  /** 1-based paragraph of the document's body, in reading order, as Word's navigation counts them. */
  paragraph: number;
  /** 1-based page, for a PDF. */
  page?: number;
}

/** Something extraction changed that a reviewer should know, said once per file. */
export interface ExtractionNote {
  key: MessageKey;
  args: MessageArgs;
}

export interface ExtractedPlan {
  format: OfficeFormat;
  /** The plan text, lines joined by `\n`, as a drafter would have typed it. */
  text: string;
  /** The source of each line of `text`, by index. */
  sources: SourcePosition[];
  /** A PDF's page count. */
  pages?: number;
  notes: ExtractionNote[];
}

/**
 * Files beyond this are refused before they are read: a work plan with its
 * attachments is a few megabytes; a larger file is a scan, a video or a
 * mistake, and reading it would stall the server.
 */
export const MAX_OFFICE_BYTES = 100 * 1024 * 1024;

/** A file that cannot be read as a plan: the message key says why, for the user, in either locale. */
export class OfficeError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly args: MessageArgs,
  ) {
    super(`${key} ${JSON.stringify(args)}`);
  }
}
