// Conform + zod, set up the same way for every form in Koers.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

export function useKoersForm<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  options: { lastResult?: SubmissionResult<string[]> | null; defaultValue?: Partial<z.input<S>>; id?: string } = {},
) {
  return useForm<z.input<S> & Record<string, unknown>, z.output<S>>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue as never,
    // Validating on blur re-renders the form between mousedown and click: the button moves and the
    // click is lost. Validate on submit, then re-check as the user types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
}
