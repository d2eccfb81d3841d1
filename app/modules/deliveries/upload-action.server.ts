// The upload form's submission, shared by the page's action (plain form post, works without
// JavaScript) and the upload endpoint the page's script posts to with progress: read the form,
// check it, ingest, and answer with the delivery to show or the errors for the form's fields.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Member } from "../auth/guards.server";
import { megabytes } from "./error-messages";
import { uploadDelivery } from "./ingest.server";
import { maxDeliveryBytes } from "./ingest/spool.server";
import { formatOfFileName, readUploadForm } from "./upload-form.server";
import { uploadDeliverySchema } from "./upload-schema";

export type UploadAnswer = { kind: "done"; deliveryId: string } | { kind: "errors"; result: SubmissionResult<string[]> } | { kind: "forbidden" };

const FIELD_OF: Record<string, string> = { agreementId: "target", datasetKey: "target", period: "period", file: "file" };

export async function submitUpload(member: Member, request: Request, translate: (key: string, values?: Record<string, unknown>) => string): Promise<UploadAnswer> {
  const form = await readUploadForm(request);
  try {
    const submission = parseWithZod(form.formData, { schema: uploadDeliverySchema });
    const fileErrors: string[] = [];
    if (form.tooLarge) fileErrors.push(translate("deliveries.form.errors.tooLarge", { max: megabytes(maxDeliveryBytes()) }));
    else if (!form.file) fileErrors.push("deliveries.form.errors.fileRequired");
    const format = form.file ? formatOfFileName(form.file.name) : null;
    if (form.file && !format) fileErrors.push("deliveries.form.errors.unsupportedFile");
    if (submission.status !== "success" || fileErrors.length || !form.file || !format) {
      return { kind: "errors", result: submission.reply({ fieldErrors: fileErrors.length ? { file: fileErrors } : {} }) };
    }
    const [agreementId, datasetKey] = submission.value.target.split("/") as [string, string];
    const outcome = await uploadDelivery(member, { agreementId, datasetKey, period: submission.value.period, format, file: form.file });
    if (outcome.ok || outcome.error === "rejected") return { kind: "done", deliveryId: outcome.deliveryId };
    if (outcome.error === "forbidden") return { kind: "forbidden" };
    const fieldErrors: Record<string, string[]> = {};
    if (outcome.error === "notFound") fieldErrors.target = ["deliveries.form.errors.notActive"];
    else for (const [field, keys] of Object.entries(outcome.fieldErrors)) (fieldErrors[FIELD_OF[field] ?? "target"] ??= []).push(...keys);
    return { kind: "errors", result: submission.reply({ fieldErrors }) };
  } finally {
    await form.cleanup();
  }
}
