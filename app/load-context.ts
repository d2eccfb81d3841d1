// What server.ts hands every loader and action: the resolved session and the client's address.
import type { SignedIn } from "./modules/auth/session.server";

export interface KoersContext {
  signedIn: SignedIn | null;
  sessionExpired: boolean;
  clientIp: string;
  /** Memberships already resolved during this request (layout and page loaders share them). */
  memberships: Map<string, Promise<unknown>>;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    koers: KoersContext;
  }
}
