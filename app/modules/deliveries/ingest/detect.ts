// What a delivered CSV file is written in, found from its first bytes and its header line.
// Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252 with ";" and
// decimal commas; "CSV UTF-8" adds a byte-order mark; other systems write UTF-8 with ",".
export type FileEncoding = "utf-8" | "windows-1252";
export type Separator = ";" | ",";

const BOM = [0xef, 0xbb, 0xbf] as const;

export interface DetectedEncoding {
  encoding: FileEncoding;
  /** Bytes to skip at the start (the UTF-8 byte-order mark). */
  skip: number;
}

/**
 * UTF-8 when the sample has a BOM or decodes as UTF-8 (pure ASCII does too); otherwise
 * Windows-1252. Unless the sample is the whole file, a multi-byte character cut off at its end
 * does not count against UTF-8. Bytes past the sample that are not UTF-8 are reported by the decoder.
 */
export function detectEncoding(sample: Uint8Array, wholeFile = false): DetectedEncoding {
  if (sample.length >= 3 && sample[0] === BOM[0] && sample[1] === BOM[1] && sample[2] === BOM[2]) return { encoding: "utf-8", skip: 3 };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !wholeFile });
    return { encoding: "utf-8", skip: 0 };
  } catch {
    return { encoding: "windows-1252", skip: 0 };
  }
}

export type SeparatorResult = { ok: true; separator: Separator } | { ok: false; code: "mixedSeparators" };

/**
 * The separator from the header line: the one of ";" and "," that occurs outside quotes. Both
 * outside quotes is refused: a file whose header mixes them cannot be read reliably. A header of
 * one column has neither; then ";" (Dutch Excel) is as good as any.
 */
export function detectSeparator(headerLine: string): SeparatorResult {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 59) semicolons++;
    else if (!quoted && c === 44) commas++;
  }
  if (semicolons > 0 && commas > 0) return { ok: false, code: "mixedSeparators" };
  return { ok: true, separator: commas > 0 ? "," : ";" };
}
