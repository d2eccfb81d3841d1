// A streaming CSV tokenizer (RFC 4180: quoted fields, "" inside quotes, CRLF, LF or CR line ends),
// fed decoded text in chunks of any size. It is the hot path of every delivery: csv-parse reached
// 38 % of plain COPY's rate on this machine, this loop over char codes with slices keeps the whole
// ingest above 70 % (docs/decisions/0010-phase-3-deliveries.md, tests/bench/delivery-ingest.bench.ts).
// Each record carries the line it starts on, as the user sees it in an editor (line 1 = header).
export type RecordHandler = (fields: string[], line: number) => void;
export type TokenizerErrorHandler = (line: number, code: "malformedQuote" | "unterminatedQuote") => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private fields: string[] = [];
  private field = "";
  /** 0: unquoted field, 1: inside quotes, 2: just after a closing quote. */
  private state: 0 | 1 | 2 = 0;
  private fresh = true;
  private line = 1;
  private recordLine = 1;
  private lastChunkEndedWithCR = false;
  private readonly sep: number;

  constructor(
    separator: string,
    private readonly onRecord: RecordHandler,
    private readonly onError: TokenizerErrorHandler,
  ) {
    this.sep = separator.charCodeAt(0);
  }

  push(chunk: string): void {
    const sep = this.sep;
    const n = chunk.length;
    let i = 0;
    let start = 0;
    let state = this.state;
    let fresh = this.fresh;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (state === 1) {
        if (c === QUOTE) {
          this.field += chunk.slice(start, i);
          state = 2;
          start = ++i;
          continue;
        }
        if (c === CR || (c === LF && !this.followsCR(chunk, i))) this.line++;
        i++;
        continue;
      }
      if (state === 2) {
        if (c === QUOTE) {
          // "" inside a quoted field is one quote; the field goes on.
          this.field += '"';
          state = 1;
          start = ++i;
          continue;
        }
        if (c !== sep && c !== LF && c !== CR) {
          // Text after a closing quote ("ab"c): keep it, but say the quoting is broken.
          this.onError(this.recordLine, "malformedQuote");
          state = 0;
          fresh = false;
          continue;
        }
        state = 0;
      }
      if (c === sep) {
        this.fields.push(this.field + chunk.slice(start, i));
        this.field = "";
        fresh = true;
        start = ++i;
        continue;
      }
      if (c === LF || c === CR) {
        if (c === LF && this.followsCR(chunk, i)) {
          // The LF of a CRLF: the record ended at the CR.
          start = ++i;
          continue;
        }
        this.fields.push(this.field + chunk.slice(start, i));
        this.field = "";
        this.emit();
        this.line++;
        this.recordLine = this.line;
        fresh = true;
        start = ++i;
        continue;
      }
      if (c === QUOTE && fresh && start === i && this.field === "") {
        state = 1;
        fresh = false;
        start = ++i;
        continue;
      }
      fresh = false;
      i++;
    }
    if (start < n) this.field += chunk.slice(start, n);
    this.state = state;
    this.fresh = fresh;
    this.lastChunkEndedWithCR = n > 0 && chunk.charCodeAt(n - 1) === CR;
  }

  /** The last record (a file need not end with a line break); reports a quote left open. */
  end(): void {
    if (this.state === 1) {
      this.onError(this.recordLine, "unterminatedQuote");
      this.fields = [];
      this.field = "";
      return;
    }
    if (this.fields.length > 0 || this.field !== "") {
      this.fields.push(this.field);
      this.field = "";
      this.emit();
    }
  }

  private followsCR(chunk: string, i: number): boolean {
    return i > 0 ? chunk.charCodeAt(i - 1) === CR : this.lastChunkEndedWithCR;
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    // Blank lines, and the ";;;" lines Excel writes for empty rows, are not records.
    for (let k = 0; k < fields.length; k++) {
      if (fields[k] !== "") {
        this.onRecord(fields, this.recordLine);
        return;
      }
    }
  }
}
