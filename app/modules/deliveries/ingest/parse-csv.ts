// Reads a delivered CSV file as a stream of records: detects the encoding from the first bytes
// and the separator from the header line, decodes chunk by chunk and tokenizes. Never holds more
// than one chunk of the file; `afterChunk` lets the caller send stored rows on (back-pressure).
import iconv from "iconv-lite";
import type { DeliveryRowError } from "../../../../db/schema/deliveries";
import { CsvTokenizer } from "./csv-tokenizer";
import { detectEncoding, detectSeparator, type FileEncoding, type Separator } from "./detect";

export interface RecordHandlers {
  /** A record with its first line; the header is the first record. */
  record(cells: string[], line: number): void;
  error(error: DeliveryRowError): void;
  afterChunk(): Promise<void>;
}

export type CsvReadResult = { ok: true; encoding: FileEncoding; separator: Separator } | { ok: false; encoding?: FileEncoding; error: DeliveryRowError };

/** The header line is looked for in this much text; a longer first line is read as it comes. */
const HEADER_SEARCH = 1024 * 1024;

interface TextDecoding {
  write(bytes: Uint8Array): string;
  end(): string;
}

function decoderFor(encoding: FileEncoding): TextDecoding {
  if (encoding === "windows-1252") {
    const decoder = iconv.getDecoder("win1252");
    return { write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), end: () => decoder.end() ?? "" };
  }
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** `size`: the file's size in bytes, so a file that fits in its first chunk is judged whole. */
export async function readCsvRecords(source: AsyncIterable<Uint8Array>, handlers: RecordHandlers, size = Number.POSITIVE_INFINITY): Promise<CsvReadResult> {
  let encoding: FileEncoding | undefined;
  let decoder: TextDecoding | undefined;
  let tokenizer: CsvTokenizer | undefined;
  let separator: Separator | undefined;
  let pending = "";
  let linesSoFar = 1;

  const onError = (line: number, code: string) => handlers.error({ line, code });
  const start = (text: string, final: boolean): CsvReadResult | null => {
    pending += text;
    const lineEnd = pending.search(/[\r\n]/);
    if (lineEnd < 0 && !final && pending.length < HEADER_SEARCH) return null;
    const detected = detectSeparator(lineEnd < 0 ? pending : pending.slice(0, lineEnd));
    if (!detected.ok) return { ok: false, encoding, error: { line: 1, code: detected.code } };
    separator = detected.separator;
    tokenizer = new CsvTokenizer(separator, (cells, line) => {
      linesSoFar = line;
      handlers.record(cells, line);
    }, onError);
    tokenizer.push(pending);
    pending = "";
    return null;
  };

  try {
    for await (const chunk of source) {
      let bytes = chunk;
      if (!decoder) {
        const found = detectEncoding(bytes, bytes.byteLength >= size);
        encoding = found.encoding;
        decoder = decoderFor(encoding);
        bytes = bytes.subarray(found.skip);
      }
      const text = decoder.write(bytes);
      if (tokenizer) tokenizer.push(text);
      else {
        const refused = start(text, false);
        if (refused) return refused;
      }
      await handlers.afterChunk();
    }
    const rest = decoder ? decoder.end() : "";
    if (!tokenizer) {
      const refused = start(rest, true);
      if (refused) return refused;
    } else tokenizer.push(rest);
  } catch (err) {
    if (err instanceof TypeError && (err as { code?: string }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") {
      return { ok: false, encoding, error: { line: linesSoFar + 1, code: "notUtf8" } };
    }
    throw err;
  }
  tokenizer?.end();
  await handlers.afterChunk();
  return { ok: true, encoding: encoding ?? "utf-8", separator: separator ?? ";" };
}
