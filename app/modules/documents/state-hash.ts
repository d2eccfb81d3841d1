// SHA-256 of a stored Yjs state, recorded in the audit log when a document or version is fixed.
import { createHash } from "node:crypto";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
