// A delivered file is first written to a temporary file, with its size capped and its SHA-256
// taken on the way: then no transaction ever waits on a slow client (PGlite has one connection),
// XLSX can be read from disk, and memory stays flat.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";

export interface SpooledFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

/** The size cap of one delivered file: DELIVERY_MAX_BYTES, 100 MB by default. */
export function maxDeliveryBytes(): number {
  const configured = Number(process.env.DELIVERY_MAX_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 100 * 1024 * 1024;
}

export function deliveryTempDir(): string {
  return path.join(os.tmpdir(), "koers-deliveries");
}

export type SpoolOutcome = { ok: true; file: SpooledFile } | { ok: false; error: "tooLarge" };

/**
 * Writes a body to a temporary file; refuses (and removes it) past `maxBytes`. With `drain`, the
 * rest of a too large body is still read (and dropped), as a multipart form's later parts need.
 */
export async function spoolToFile(body: AsyncIterable<Uint8Array>, name: string, maxBytes = maxDeliveryBytes(), options: { drain?: boolean } = {}): Promise<SpoolOutcome> {
  await mkdir(deliveryTempDir(), { recursive: true });
  const target = path.join(deliveryTempDir(), crypto.randomUUID());
  const out = createWriteStream(target);
  const hash = createHash("sha256");
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (tooLarge) continue;
      if (size > maxBytes) {
        tooLarge = true;
        out.destroy();
        if (options.drain) continue;
        break;
      }
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (!tooLarge) {
      out.end();
      await once(out, "finish");
    }
  } catch (err) {
    out.destroy();
    await rm(target, { force: true });
    throw err;
  }
  if (tooLarge) {
    await rm(target, { force: true });
    return { ok: false, error: "tooLarge" };
  }
  return { ok: true, file: { path: target, name, size, sha256: hash.digest("hex") } };
}

/** Size and SHA-256 of a file already on disk (an upload the form handler stored). */
export async function describeFile(filePath: string, name: string): Promise<SpooledFile> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return { path: filePath, name, size: (await stat(filePath)).size, sha256: hash.digest("hex") };
}

export async function removeSpooled(file: Pick<SpooledFile, "path">): Promise<void> {
  await rm(file.path, { force: true });
}
