// Stores a delivery's rows with COPY, inside the caller's transaction, in bounded chunks so memory
// stays flat however big the file: on PostgreSQL through pg-copy-streams (one COPY, written with
// back-pressure); on PGlite as COPY … FROM '/dev/blob' per chunk (PGlite takes a COPY's input as a
// Blob). COPY is driver-specific by nature, so this is the one module besides db/client.ts that
// looks at the driver: through the transaction's own connection, never a second one.
import { once } from "node:events";
import type { Writable } from "node:stream";
import pgCopy from "pg-copy-streams";
import type { Tx } from "../../../../db/client";
import type { RowData } from "./validate-row";

const COPY_SQL = "COPY delivery_row (delivery_id, line, data) FROM STDIN";
const PGLITE_COPY_SQL = "COPY delivery_row (delivery_id, line, data) FROM '/dev/blob'";
/** Text buffered before it goes to PostgreSQL (a socket write) or PGlite (one COPY of a Blob). */
const PG_CHUNK = 256 * 1024;
const PGLITE_CHUNK = 8 * 1024 * 1024;

interface PgliteTransactionClient {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}
interface PgClient {
  query(stream: Writable): Writable;
}

export interface RowCopier {
  /** Queues one row (COPY text format); call `drain` now and then to send what is queued. */
  add(line: number, data: RowData): void;
  /** Sends queued rows when enough are waiting; resolves once the database can take more. */
  drain(): Promise<void>;
  /** Sends the rest and finishes the COPY; the number of rows stored. */
  finish(): Promise<number>;
  /** Ends the COPY after a failure so the transaction can roll back cleanly. */
  abort(): Promise<void>;
}

/** The raw client behind a drizzle transaction (drizzle keeps it on the session). */
function rawClientOf(tx: Tx): unknown {
  return (tx as unknown as { session: { client: unknown } }).session.client;
}

export function openRowCopier(tx: Tx, deliveryId: string): RowCopier {
  const client = rawClientOf(tx);
  const prefix = `${deliveryId}\t`;
  let parts: string[] = [];
  let size = 0;
  let rows = 0;

  const add = (line: number, data: RowData) => {
    let json = JSON.stringify(data);
    // COPY's text format reads backslashes as escapes; JSON never holds a raw tab or line break.
    if (json.includes("\\")) json = json.replace(/\\/g, "\\\\");
    const text = prefix + line + "\t" + json + "\n";
    parts.push(text);
    size += text.length;
    rows++;
  };
  const take = () => {
    const text = parts.join("");
    parts = [];
    size = 0;
    return text;
  };

  if (typeof (client as PgClient).query === "function" && !("exec" in (client as object))) {
    const stream = (client as PgClient).query(pgCopy.from(COPY_SQL));
    let failure: Error | null = null;
    stream.on("error", (err: Error) => (failure ??= err));
    const finished = once(stream, "finish").catch((err: Error) => {
      failure ??= err;
    });
    const write = async (text: string) => {
      if (failure) throw failure;
      if (!stream.write(text)) await Promise.race([once(stream, "drain"), finished]);
      if (failure) throw failure;
    };
    return {
      add,
      async drain() {
        if (size >= PG_CHUNK) await write(take());
      },
      async finish() {
        if (size > 0) await write(take());
        stream.end();
        await finished;
        if (failure) throw failure;
        return rows;
      },
      async abort() {
        parts = [];
        if (stream.writableEnded || stream.destroyed) return;
        // End the COPY normally; the caller's rollback removes what it stored.
        stream.end();
        await finished;
      },
    };
  }

  const pglite = client as PgliteTransactionClient;
  const send = async () => {
    if (size === 0) return;
    await pglite.query(PGLITE_COPY_SQL, [], { blob: new Blob([take()]) });
  };
  return {
    add,
    async drain() {
      if (size >= PGLITE_CHUNK) await send();
    },
    async finish() {
      await send();
      return rows;
    },
    async abort() {
      parts = [];
      size = 0;
    },
  };
}
