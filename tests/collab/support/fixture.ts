// One database + seed + running server for a test file (or a bench section).
import type { Identity } from "./clients";
import { CollabServerProcess, copySeededDatabase, freePort, type TestDatabase } from "./harness";
import type { SeedResult, SeededUser } from "./types";

export interface CollabFixture {
  database: TestDatabase;
  seed: SeedResult;
  server: CollabServerProcess;
  /** KOERS_BASE_URL of the server(s): its origin is the only one allowed on the websocket. */
  baseUrl: string;
  /** Cookie and the app's own Origin, as a browser tab of the app sends them. */
  as(user: SeededUser): Identity;
  /** A draft document of municipality A nobody else in this file uses. */
  freshDocument(): string;
  teardown(): Promise<void>;
}

/** A copy of the run's seeded database (see global-setup.ts) and a server on it. */
export async function startFixture(label: string, options: { redisUrl?: string } = {}): Promise<CollabFixture> {
  const { database, seed } = await copySeededDatabase(label);
  try {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const server = new CollabServerProcess({ database, port, baseUrl, redisUrl: options.redisUrl });
    await server.start();
    const unused = [...seed.documents];
    return {
      database,
      seed,
      server,
      baseUrl,
      as: (user) => ({ cookie: user.cookie, origin: new URL(baseUrl).origin }),
      freshDocument: () => {
        const id = unused.shift();
        if (!id) throw new Error("no unused seeded document left: seed more");
        return id;
      },
      async teardown() {
        await server.stop();
        await database.dispose();
      },
    };
  } catch (err) {
    await database.dispose().catch(() => undefined);
    throw err;
  }
}
