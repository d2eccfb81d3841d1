// Reads the upload form (multipart) without holding the file: the file part streams to a
// temporary file with the size cap, the small text fields are kept. A file over the cap is read
// to its end and discarded, so the other fields survive and the form can say what went wrong.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { maxDeliveryBytes, removeSpooled, spoolToFile, type SpooledFile } from "./ingest/spool.server";
import type { DeliveryFileFormat } from "./ingest.server";

export const FILE_FIELD = "file";
const TEXT_LIMIT = 10_000;

export interface UploadForm {
  formData: FormData;
  file: SpooledFile | null;
  tooLarge: boolean;
  /** Remove the temporary file (always call it, also on errors). */
  cleanup(): Promise<void>;
}

export function formatOfFileName(name: string): DeliveryFileFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  return null;
}

async function* capped(data: AsyncIterable<Uint8Array>, limit: number): AsyncIterable<Uint8Array> {
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > limit) continue;
    yield chunk;
  }
}

export async function readUploadForm(request: Request, maxBytes = maxDeliveryBytes()): Promise<UploadForm> {
  let file: SpooledFile | null = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== FILE_FIELD) {
      const decoder = new TextDecoder();
      let text = "";
      for await (const chunk of capped(data, TEXT_LIMIT)) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    }
    if (!filename) {
      for await (const _ of data) void _;
      return undefined;
    }
    const spooled = await spoolToFile(data, filename, maxBytes, { drain: true });
    if (!spooled.ok) {
      tooLarge = true;
      return undefined;
    }
    if (spooled.file.size === 0 && !filename) return undefined;
    file = spooled.file;
    return filename;
  };
  const formData = await unstable_parseMultipartFormData(request, handler);
  const kept = file as SpooledFile | null;
  return { formData, file: kept, tooLarge, cleanup: () => (kept ? removeSpooled(kept) : Promise.resolve()) };
}
