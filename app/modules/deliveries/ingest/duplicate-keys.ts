// Duplicate rows (same values in the key fields) are found without keeping the keys: a Bloom
// filter of fixed size (at most 32 MB, whatever the file) says "certainly new" for nearly every
// row; only when it says "maybe seen" does the ingest ask the database for the exact duplicates.
// So memory stays flat and the common case — no duplicates — costs no second pass over the rows.
const PROBES = 4;
const MAX_BITS = 2 ** 28;
const MIN_BITS = 2 ** 16;

export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  /** Rows whose key the filter may have seen before (false positives included). */
  maybeDuplicates = 0;

  /** Sized for the rows a file of this many bytes can hold (32 bits per row: ~1e-7 false positives). */
  constructor(fileBytes: number) {
    const rows = Math.max(1, Math.ceil(fileBytes / 8));
    let size = MIN_BITS;
    while (size < rows * 32 && size < MAX_BITS) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Adds a key; true when it may have been added before. */
  add(key: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h2 |= 1;
    let seen = true;
    for (let p = 0; p < PROBES; p++) {
      const bit = (h1 + Math.imul(p, h2)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word]! & flag) === 0) {
        seen = false;
        this.bits[word]! |= flag;
      }
    }
    if (seen) this.maybeDuplicates++;
    return seen;
  }
}

/** The key of a row: its key fields' values, separated by a character no cell can hold. */
export function keyOf(row: Record<string, unknown>, keys: readonly string[]): string {
  let key = "";
  for (let i = 0; i < keys.length; i++) key += `${String(row[keys[i]!])}\u0000`;
  return key;
}
