// The upload form: dataset of an active agreement, period, file. Without JavaScript it is a plain
// multipart form post. With JavaScript the file goes by XMLHttpRequest to the upload endpoint, so
// a large file shows its progress in an accessible <progress> (and a polite live text in steps
// of 10 %); errors come back into the same form (Conform), nothing typed is lost.
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigate } from "@remix-run/react";
import { Button, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading2, Paragraph, Select, SelectOption, Textbox } from "@utrecht/component-library-react";
import { useRef, useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import { uploadDeliverySchema } from "../../modules/deliveries/upload-schema";
import { useKoersForm } from "../ui/use-koers-form";
import { useHydrated } from "../ui/use-hydrated";

export interface UploadChoice {
  value: string;
  agreementLabel: string;
  datasetName: string;
  frequency: "month" | "quarter" | "year";
  fieldNames: string[];
}

export function DeliveryUploadForm({
  action,
  xhrAction,
  choices,
  maxSize,
  lastResult,
  defaultTarget,
}: {
  action: string;
  xhrAction: string;
  choices: UploadChoice[];
  maxSize: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultTarget?: string | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hydrated = useHydrated();
  const [xhrResult, setXhrResult] = useState<SubmissionResult<string[]> | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [target, setTarget] = useState(defaultTarget ?? "");
  const spoken = useRef(-1);
  const [form, fields] = useKoersForm(uploadDeliverySchema, { id: "upload", lastResult: xhrResult ?? lastResult, defaultValue: { target: defaultTarget ?? "" } });
  const chosen = choices.find((c) => c.value === target);
  const fileErrors = fields.file?.errors?.map((key) => t(key, { defaultValue: key }));

  const submitWithProgress = (event: React.FormEvent<HTMLFormElement>) => {
    if (percent !== null) {
      // One upload at a time; the button stays focusable (not disabled) so it keeps its place for keyboard users.
      event.preventDefault();
      return;
    }
    const body = new FormData(event.currentTarget);
    if (!uploadDeliverySchema.safeParse(Object.fromEntries(body)).success) {
      // Conform shows the field errors and keeps the form from being sent.
      form.onSubmit(event);
      return;
    }
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", xhrAction);
    request.responseType = "json";
    setFailed(false);
    setPercent(0);
    spoken.current = -1;
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.floor((e.loaded / e.total) * 100));
    };
    request.onload = () => {
      const answer = request.response as { redirect?: string; result?: SubmissionResult<string[]> } | null;
      if (answer?.redirect) navigate(answer.redirect);
      else {
        setPercent(null);
        if (answer?.result) setXhrResult(answer.result);
        else setFailed(true);
      }
    };
    request.onerror = () => {
      setPercent(null);
      setFailed(true);
    };
    request.send(body);
  };
  const busy = percent !== null;
  const step = percent === null ? null : Math.floor(percent / 10) * 10;
  return (
    <section aria-labelledby="upload-heading" className="koers-section">
      <Heading2 id="upload-heading">{t("deliveries.upload.title")}</Heading2>
      <Paragraph>{t("deliveries.upload.intro", { max: maxSize })}</Paragraph>
      {choices.length === 0 ? (
        <Paragraph>{t("deliveries.upload.noAgreements")}</Paragraph>
      ) : (
        <Form method="post" action={action} encType="multipart/form-data" {...getFormProps(form)} onSubmit={hydrated ? submitWithProgress : undefined} noValidate>
          <FormField invalid={Boolean(fields.target.errors?.length)} type="select">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor={fields.target.id}>{t("deliveries.upload.target")}</FormLabel>
            </Paragraph>
            <FormFieldDescription id={`${fields.target.id}-hint`}>{t("deliveries.upload.targetHint")}</FormFieldDescription>
            {fields.target.errors?.length ? <FormFieldErrorMessage id={fields.target.errorId}>{fields.target.errors.map((k) => t(k, { defaultValue: k })).join(" ")}</FormFieldErrorMessage> : null}
            <Select
              id={fields.target.id}
              name={fields.target.name}
              defaultValue={defaultTarget ?? ""}
              onChange={(e) => setTarget(e.currentTarget.value)}
              invalid={Boolean(fields.target.errors?.length)}
              aria-describedby={[`${fields.target.id}-hint`, fields.target.errors?.length ? fields.target.errorId : null].filter(Boolean).join(" ")}
              required
            >
              <SelectOption value="">{t("deliveries.upload.choose")}</SelectOption>
              {choices.map((c) => (
                <SelectOption key={c.value} value={c.value}>
                  {`${c.agreementLabel} — ${c.datasetName} (${t(`deliveries.upload.frequency.${c.frequency}`)})`}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          {chosen ? <Paragraph className="koers-muted">{t("deliveries.upload.columnsOf", { dataset: chosen.datasetName, columns: chosen.fieldNames.join(", ") })}</Paragraph> : null}
          <FormField invalid={Boolean(fields.period.errors?.length)} type="text">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor={fields.period.id}>{t("deliveries.upload.period")}</FormLabel>
            </Paragraph>
            <FormFieldDescription id={`${fields.period.id}-hint`}>{t("deliveries.upload.periodHint")}</FormFieldDescription>
            {fields.period.errors?.length ? <FormFieldErrorMessage id={fields.period.errorId}>{fields.period.errors.map((k) => t(k, { defaultValue: k })).join(" ")}</FormFieldErrorMessage> : null}
            {(() => {
              const { key, ...props } = getInputProps(fields.period, { type: "text" });
              return (
                <Textbox
                  key={key}
                  {...props}
                  invalid={Boolean(fields.period.errors?.length)}
                  aria-describedby={[`${fields.period.id}-hint`, fields.period.errors?.length ? fields.period.errorId : null].filter(Boolean).join(" ")}
                />
              );
            })()}
          </FormField>
          <FormField invalid={Boolean(fileErrors?.length)} type="text">
            <Paragraph className="utrecht-form-field__label">
              <FormLabel htmlFor="upload-file">{t("deliveries.upload.file")}</FormLabel>
            </Paragraph>
            <FormFieldDescription id="upload-file-hint">{t("deliveries.upload.fileHint")}</FormFieldDescription>
            {fileErrors?.length ? <FormFieldErrorMessage id="upload-file-error">{fileErrors.join(" ")}</FormFieldErrorMessage> : null}
            <input
              id="upload-file"
              className="utrecht-textbox"
              type="file"
              name="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileErrors?.length ? true : undefined}
              aria-describedby={["upload-file-hint", fileErrors?.length ? "upload-file-error" : null].filter(Boolean).join(" ")}
            />
          </FormField>
          {busy ? (
            <div className="koers-section">
              <label htmlFor="upload-progress">{t("deliveries.upload.progressLabel")}</label>{" "}
              <progress id="upload-progress" max={100} value={percent ?? 0}>
                {percent} %
              </progress>
              <Paragraph aria-live="polite">{percent !== null && percent >= 100 ? t("deliveries.upload.processing") : t("deliveries.upload.progress", { percent: step })}</Paragraph>
            </div>
          ) : null}
          {failed ? (
            <div role="alert" className="utrecht-alert utrecht-alert--error">
              <div className="utrecht-alert__message">
                <Paragraph>{t("deliveries.upload.uploadFailed")}</Paragraph>
              </div>
            </div>
          ) : null}
          <Button type="submit" appearance="primary-action-button" aria-disabled={busy || undefined}>
            {t("deliveries.upload.submit")}
          </Button>
        </Form>
      )}
    </section>
  );
}
