import { describe, expect, it } from "vitest";
import { GroupCommit, type PendingAppend } from "../../app/modules/documents/group-commit.server";

function row(n: number, documentId = "doc"): PendingAppend {
  return { documentId, update: new Uint8Array([n]), userId: null };
}

/** A writer whose writes finish only when the test releases them. */
function gatedWriter(fail: (r: PendingAppend) => boolean = () => false) {
  const calls: PendingAppend[][] = [];
  const gates: (() => void)[] = [];
  const write = (rows: PendingAppend[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(rows);
      gates.push(() => (rows.some(fail) ? reject(new Error("violates foreign key")) : resolve()));
    });
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 0));
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { calls, write, release };
}

describe("group commit of document updates", () => {
  it("writes the first append at once and groups the ones that arrive while it is in flight", async () => {
    const w = gatedWriter();
    const commit = new GroupCommit(w.write);
    const done: number[] = [];
    const first = commit.append(row(1)).then(() => done.push(1));
    expect(w.calls).toEqual([[row(1)]]);
    const rest = [2, 3, 4].map((n) => commit.append(row(n)).then(() => done.push(n)));
    expect(w.calls).toHaveLength(1);
    await w.release();
    await first;
    expect(done).toEqual([1]);
    expect(w.calls[1]).toEqual([row(2), row(3), row(4)]);
    await w.release();
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3, 4]);
    expect(commit.groups).toEqual([1, 3]);
  });

  it("does not acknowledge anything before its write finished", async () => {
    const w = gatedWriter();
    const commit = new GroupCommit(w.write);
    let stored = false;
    const p = commit.append(row(1)).then(() => (stored = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(stored).toBe(false);
    await w.release();
    await p;
    expect(stored).toBe(true);
  });

  it("fails only the row that cannot be written, not its neighbours in the group", async () => {
    const w = gatedWriter((r) => r.documentId === "deleted");
    const commit = new GroupCommit(w.write);
    const first = commit.append(row(1));
    const results = [commit.append(row(2)), commit.append(row(3, "deleted")), commit.append(row(4))].map((p) =>
      p.then(
        () => "stored",
        (err: Error) => err.message,
      ),
    );
    await w.release(); // the first write
    await first;
    await w.release(); // the group of three fails…
    for (let i = 0; i < 3; i++) await w.release(); // …and is retried row by row
    expect(await Promise.all(results)).toEqual(["stored", "violates foreign key", "stored"]);
    await commit.flushed();
  });
});
