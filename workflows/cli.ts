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

/**
 * Runs `tick` once, or with `watch` every `intervalMs` until SIGINT/SIGTERM (a signal ends the wait
 * at once). A failing tick is logged and the loop goes on.
 */
export async function repeat(options: { watch: boolean; intervalMs: number; label: string }, tick: () => Promise<void>): Promise<void> {
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  do {
    try {
      await tick();
    } catch (err) {
      console.error(`${options.label} failed:`, err instanceof Error ? err.message : err);
    }
    if (!options.watch || stopping) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.intervalMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  } while (!stopping);
}
