/**
 * The OLE compound file (MS-CFB) that holds a Word 97–2003 .doc and a
 * password-protected .docx. Read strictly, because word-extractor, which
 * reads the .doc text, trusts the file: a sector chain that loops sends it
 * into an endless loop, and a sector size from a damaged header makes it
 * allocate gigabytes. Every chain here is bounded by the number of sectors
 * in the file, so a file that passes holds nothing word-extractor can loop
 * on at this level.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_BYTES = 512;
const DIRECTORY_ENTRY_BYTES = 128;
const MINI_SECTOR_BYTES = 64;
const MINI_STREAM_CUTOFF = 4096;
const NO_STREAM = -1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

/** A compound file the strict reading refused; the message says why, for the user's message. */
export class CompoundFileError extends Error {}

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface DirectoryEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** The streams of the root storage of a compound file, by name (nested storages, such as embedded objects, are not read). */
export function readCompoundFile(bytes: Uint8Array): ReadonlyMap<string, Uint8Array> {
  if (!isCompoundFile(bytes) || bytes.length < HEADER_BYTES) throw new CompoundFileError('not an OLE compound file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const i32 = (at: number) => view.getInt32(at, true);
  const major = u16(26);
  const shift = u16(30);
  // Version 3 files have 512-byte sectors, version 4 files 4096-byte ones; anything else is damage.
  if (u16(28) !== 0xfffe || !((major === 3 && shift === 9) || (major === 4 && shift === 12)) || u16(32) !== 6) {
    throw new CompoundFileError('bad compound file header');
  }
  const sectorBytes = 1 << shift;
  const sectorCount = Math.ceil((bytes.length - sectorBytes) / sectorBytes);
  const sectorAt = (id: number) => {
    const at = (id + 1) * sectorBytes;
    return bytes.subarray(at, Math.min(at + sectorBytes, bytes.length));
  };
  const int32At = (sector: Uint8Array, index: number) =>
    index * 4 + 4 <= sector.length ? new DataView(sector.buffer, sector.byteOffset + index * 4, 4).getInt32(0, true) : -1;

  const fatSectorCount = i32(44);
  const difatSectorCount = i32(72);
  if (fatSectorCount < 0 || fatSectorCount > sectorCount || difatSectorCount < 0 || difatSectorCount > sectorCount) {
    throw new CompoundFileError('bad sector allocation table size');
  }
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) fatSectors.push(i32(76 + i * 4));
  const perDifatSector = sectorBytes / 4 - 1;
  for (let id = i32(68), seen = 0; fatSectors.length < fatSectorCount; seen++) {
    if (seen >= difatSectorCount || id < 0 || id >= sectorCount) throw new CompoundFileError('broken sector allocation table');
    const sector = sectorAt(id);
    for (let i = 0; i < perDifatSector && fatSectors.length < fatSectorCount; i++) fatSectors.push(int32At(sector, i));
    id = int32At(sector, perDifatSector);
  }
  const fat = new Int32Array(fatSectorCount * (sectorBytes / 4));
  fatSectors.forEach((id, k) => {
    if (id < 0 || id >= sectorCount) throw new CompoundFileError('broken sector allocation table');
    const sector = sectorAt(id);
    for (let i = 0; i < sectorBytes / 4; i++) fat[k * (sectorBytes / 4) + i] = int32At(sector, i);
  });

  /** A chain of sectors through `table`, refused when it leaves the table or runs longer than `limit` (it loops). */
  const chain = (table: Int32Array, start: number, limit: number): number[] => {
    const ids: number[] = [];
    for (let id = start; id >= 0; id = table[id]) {
      if (id >= table.length || id >= limit || ids.length >= limit) throw new CompoundFileError('broken sector chain');
      ids.push(id);
    }
    return ids;
  };
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  const directory = concat(chain(fat, i32(48), sectorCount).map(sectorAt));
  const entries: DirectoryEntry[] = [];
  const dv = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  for (let at = 0; at + DIRECTORY_ENTRY_BYTES <= directory.length; at += DIRECTORY_ENTRY_BYTES) {
    const nameBytes = Math.min(Math.max(dv.getUint16(at + 64, true) - 2, 0), 62);
    let name = '';
    for (let i = 0; i + 1 < nameBytes; i += 2) name += String.fromCharCode(dv.getUint16(at + i, true));
    entries.push({
      name,
      type: directory[at + 66],
      left: dv.getInt32(at + 68, true),
      right: dv.getInt32(at + 72, true),
      child: dv.getInt32(at + 76, true),
      start: dv.getInt32(at + 116, true),
      size: dv.getInt32(at + 120, true),
    });
  }
  const root = entries[0];
  if (!root || root.type !== TYPE_ROOT) throw new CompoundFileError('no root storage');

  // The root's children form a tree through left and right; a damaged file can make it loop.
  const streams = new Map<string, DirectoryEntry>();
  const visited = new Set<number>();
  const pending = [root.child];
  while (pending.length) {
    const id = pending.pop()!;
    if (id === NO_STREAM) continue;
    const entry = entries[id];
    if (!entry || visited.has(id)) throw new CompoundFileError('broken directory');
    visited.add(id);
    if (entry.type === TYPE_STREAM) {
      // word-extractor and this reader could pick different streams of one name.
      if (streams.has(entry.name)) throw new CompoundFileError(`two streams named ${entry.name}`);
      streams.set(entry.name, entry);
    }
    pending.push(entry.left, entry.right);
  }

  // Read now, whether or not a stream lives in it: word-extractor follows these chains on opening.
  const miniFatBytes = concat(chain(fat, i32(60), sectorCount).map(sectorAt));
  const miniFat = new Int32Array(Math.floor(miniFatBytes.length / 4));
  for (let i = 0; i < miniFat.length; i++) miniFat[i] = int32At(miniFatBytes, i);
  const miniStream = concat(chain(fat, root.start, sectorCount).map(sectorAt));
  const miniLimit = Math.floor(miniStream.length / MINI_SECTOR_BYTES);
  const streamData = (entry: DirectoryEntry): Uint8Array => {
    if (entry.size < 0) throw new CompoundFileError(`bad size of stream ${entry.name}`);
    const data =
      entry.size < MINI_STREAM_CUTOFF
        ? concat(chain(miniFat, entry.start, miniLimit).map((id) => miniStream.subarray(id * MINI_SECTOR_BYTES, (id + 1) * MINI_SECTOR_BYTES)))
        : concat(chain(fat, entry.start, sectorCount).map(sectorAt));
    if (data.length < entry.size) throw new CompoundFileError(`stream ${entry.name} is truncated`);
    return data.subarray(0, entry.size);
  };
  // Every chain of the root storage, read once: none of them can loop when word-extractor follows it.
  return new Map([...streams].map(([name, entry]) => [name, streamData(entry)]));
}
