// Group commit for the update log. Every client update must be stored before it is acknowledged,
// and one INSERT per keystroke does not keep up with many editors (on PGlite each statement costs
// milliseconds of the server's only thread). So appends that arrive while a write is in flight wait
// for it and then go to the database together, as one multi-row INSERT. The first append after a
// quiet moment is written at once: batching adds no latency, it only removes queueing.
import { documentUpdate } from "../../../db/schema/index";
import { db } from "../../db.server";

export interface PendingAppend {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
}

/** Rows per INSERT; keeps statements well under parameter and packet limits. */
export const MAX_GROUP = 200;

type Writer = (rows: PendingAppend[]) => Promise<void>;

async function insertRows(rows: PendingAppend[]): Promise<void> {
  await db().insert(documentUpdate).values(rows);
}

interface Waiting extends PendingAppend {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private queue: Waiting[] = [];
  private draining: Promise<void> | null = null;
  /** Sizes of the groups written (for the benchmark and tests). */
  readonly groups: number[] = [];

  constructor(private readonly write: Writer = insertRows) {}

  /** Resolves once the update is stored; rejects when it could not be. */
  append(row: PendingAppend): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ...row, resolve, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  /** Waits until everything queued so far is written (or failed). */
  async flushed(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_GROUP);
      this.groups.push(group.length);
      try {
        await this.write(group.map(({ documentId, update, userId }) => ({ documentId, update, userId })));
        for (const w of group) w.resolve();
      } catch (err) {
        if (group.length === 1) {
          group[0]!.reject(err);
          continue;
        }
        // One bad row (e.g. its document was deleted meanwhile) must not fail its neighbours:
        // write them one by one so each learns its own outcome.
        for (const w of group) {
          try {
            await this.write([{ documentId: w.documentId, update: w.update, userId: w.userId }]);
            w.resolve();
          } catch (single) {
            w.reject(single);
          }
        }
      }
    }
  }
}
