// What every command-line worker shares: open the database (refusing clearly when a running server
// holds the PGlite data dir), run, close, and turn the outcome into the process exit code.
import { createDb, DataDirLockedError, type DbHandle } from "../db/client";

export function runWithDatabase(purpose: string, main: (handle: DbHandle) => Promise<number>): void {
  const run = async (): Promise<number> => {
    let handle: DbHandle;
    try {
      handle = await createDb();
    } catch (err) {
      if (err instanceof DataDirLockedError) {
        console.error(`Cannot ${purpose}: ${err.message}`);
        return 1;
      }
      throw err;
    }
    try {
      return await main(handle);
    } finally {
      await handle.close();
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`Could not ${purpose}:`, err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
