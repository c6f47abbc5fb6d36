/**
 * Reading users' plan texts: the encodings they come in, and why a file
 * could not be read, for the CLI's drafts and both entries' parent plans.
 */

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

/**
 * Plans are often saved as GB18030 (GBK) by Chinese Windows tools, or as
 * UTF-16 by Notepad: a UTF-16 byte order mark decides; otherwise try UTF-8
 * strictly, then GB18030, and only then UTF-8 with replacement characters.
 * A byte order mark is dropped, as editors do, so positions agree.
 */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this encoding
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Why a file could not be read, in words. */
export function readError(error: unknown): string {
  return READ_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
}
