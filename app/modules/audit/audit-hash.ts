// The hash that chains audit events: SHA-256 over the previous hash and the event's canonical JSON.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  id: string;
  municipalityId: string | null;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  result: string;
  origin: string | null;
  details: Record<string, unknown> | null;
  occurredAt: Date;
}

/** JSON with object keys sorted, so the hash does not depend on key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(prevHash: string, event: HashedFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonicalJson({ ...event, occurredAt: event.occurredAt.toISOString() }))
    .digest("hex");
}
