// The public verify page (no sign-in): upload a sealed agreement PDF or enter a SHA-256 (of the PDF,
// or the content hash printed in it) and learn whether Koers knows it, with its signatures and its
// lifecycle. `?hash=` (the PDF's QR code) checks at once. Uploads are limited and never stored.
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from "@utrecht/component-library-react";
import { useTranslation } from "../i18n/use-translation";
import { AuthPage } from "../components/ui/auth-page";
import { requestT } from "../i18n/request.server";
import { VERIFY_MAX_UPLOAD_BYTES } from "../modules/agreements/signing-schema";
import { normaliseHash, verifyHash, verifyPdf, type VerifyOutcome } from "../modules/agreements/verify.server";
import { formatMoment } from "../modules/programme/format";
import styles from "../styles/agreement-signing.css?url";

export const meta: MetaFunction = () => [{ title: "Overeenkomst controleren · Koers" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const MB = VERIFY_MAX_UPLOAD_BYTES / (1024 * 1024);

type VerifyPayload = { outcome: VerifyOutcome | null; errors: { file?: string; hash?: string }; hash: string };

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("hash");
  if (!raw) return { outcome: null, errors: {}, hash: "" } satisfies VerifyPayload;
  const hash = normaliseHash(raw);
  if (!hash) return { outcome: null, errors: { hash: requestT(request)("agreementSigning.verify.errors.hashInvalid") }, hash: raw.slice(0, 200) } satisfies VerifyPayload;
  return { outcome: await verifyHash(hash), errors: {}, hash } satisfies VerifyPayload;
}

export async function action({ request }: ActionFunctionArgs) {
  const t = requestT(request);
  const fail = (errors: VerifyPayload["errors"], hash = "") => data<VerifyPayload>({ outcome: null, errors, hash }, { status: 400 });
  // Refuse an oversized upload before reading it.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > VERIFY_MAX_UPLOAD_BYTES + 64 * 1024) return data<VerifyPayload>({ outcome: null, errors: { file: t("agreementSigning.verify.errors.fileTooLarge", { mb: MB }) }, hash: "" }, { status: 413 });
  const isMultipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  let formData: FormData;
  try {
    formData = isMultipart
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: VERIFY_MAX_UPLOAD_BYTES }))
      : await request.formData();
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) return data<VerifyPayload>({ outcome: null, errors: { file: t("agreementSigning.verify.errors.fileTooLarge", { mb: MB }) }, hash: "" }, { status: 413 });
    throw err;
  }
  if (formData.get("intent") === "hash") {
    const raw = String(formData.get("hash") ?? "");
    const hash = normaliseHash(raw);
    if (!hash) return fail({ hash: t("agreementSigning.verify.errors.hashInvalid") }, raw.slice(0, 200));
    return data<VerifyPayload>({ outcome: await verifyHash(hash), errors: {}, hash });
  }
  const file = formData.get("file");
  if (!(file instanceof Blob) || file.size === 0) return fail({ file: t("agreementSigning.verify.errors.fileRequired") });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (new TextDecoder().decode(bytes.subarray(0, 5)) !== "%PDF-") return fail({ file: t("agreementSigning.verify.errors.fileNotPdf") });
  return data<VerifyPayload>({ outcome: await verifyPdf(bytes), errors: {}, hash: "" });
}

export default function Verify() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>() as VerifyPayload;
  const acted = useActionData<typeof action>() as VerifyPayload | undefined;
  const payload = acted ?? loaded;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <AuthPage title={t("agreementSigning.verify.title")} wide>
      <Paragraph>{t("agreementSigning.verify.intro")}</Paragraph>
      <div className="koers-verify-forms">
        <Form method="post" encType="multipart/form-data" className="koers-form">
          <input type="hidden" name="intent" value="file" />
          <Fieldset invalid={Boolean(payload.errors.file)}>
            <FieldsetLegend>{t("agreementSigning.verify.fileLegend")}</FieldsetLegend>
            <FormField type="text" invalid={Boolean(payload.errors.file)}>
              <Paragraph className="utrecht-form-field__label">
                <FormLabel htmlFor="verify-file">{t("agreementSigning.verify.file")}</FormLabel>
              </Paragraph>
              <FormFieldDescription id="verify-file-hint">{t("agreementSigning.verify.fileHint", { mb: MB })}</FormFieldDescription>
              {payload.errors.file ? <FormFieldErrorMessage id="verify-file-error">{payload.errors.file}</FormFieldErrorMessage> : null}
              <input
                id="verify-file"
                name="file"
                type="file"
                accept="application/pdf,.pdf"
                className="utrecht-textbox"
                aria-invalid={payload.errors.file ? true : undefined}
                aria-describedby={["verify-file-hint", payload.errors.file ? "verify-file-error" : null].filter(Boolean).join(" ")}
              />
            </FormField>
            <Button type="submit" appearance="primary-action-button" busy={busy}>
              {t("agreementSigning.verify.submitFile")}
            </Button>
          </Fieldset>
        </Form>
        <Form method="post" className="koers-form">
          <input type="hidden" name="intent" value="hash" />
          <Fieldset invalid={Boolean(payload.errors.hash)}>
            <FieldsetLegend>{t("agreementSigning.verify.hashLegend")}</FieldsetLegend>
            <FormField type="text" invalid={Boolean(payload.errors.hash)}>
              <Paragraph className="utrecht-form-field__label">
                <FormLabel htmlFor="verify-hash">{t("agreementSigning.verify.hash")}</FormLabel>
              </Paragraph>
              <FormFieldDescription id="verify-hash-hint">{t("agreementSigning.verify.hashHint")}</FormFieldDescription>
              {payload.errors.hash ? <FormFieldErrorMessage id="verify-hash-error">{payload.errors.hash}</FormFieldErrorMessage> : null}
              <Textbox
                id="verify-hash"
                name="hash"
                defaultValue={payload.hash}
                key={payload.hash}
                autoComplete="off"
                spellCheck={false}
                invalid={Boolean(payload.errors.hash)}
                aria-describedby={["verify-hash-hint", payload.errors.hash ? "verify-hash-error" : null].filter(Boolean).join(" ")}
              />
            </FormField>
            <Button type="submit" appearance="secondary-action-button" busy={busy}>
              {t("agreementSigning.verify.submitHash")}
            </Button>
          </Fieldset>
        </Form>
      </div>
      <div aria-live="polite">{payload.outcome ? <VerifyResult outcome={payload.outcome} /> : null}</div>
    </AuthPage>
  );
}

function VerifyResult({ outcome }: { outcome: VerifyOutcome }) {
  const { t, i18n } = useTranslation();
  if (!outcome.known) {
    return (
      <div role="alert" className="utrecht-alert utrecht-alert--warning" data-testid="verify-result">
        <div className="utrecht-alert__message">
          <Paragraph className="koers-hash">{t("agreementSigning.verify.unknown", { hash: outcome.hash })}</Paragraph>
        </div>
      </div>
    );
  }
  const a = outcome.agreement;
  const status = (s: string) => t(`agreementSigning.statuses.${s}`);
  return (
    <section aria-labelledby="verify-result-heading" data-testid="verify-result">
      <div role="status" className="utrecht-alert utrecht-alert--ok">
        <div className="utrecht-alert__message">
          <Heading2 id="verify-result-heading">{t("agreementSigning.verify.known")}</Heading2>
          <Paragraph>{a.matchedBy === "pdf" ? t("agreementSigning.verify.matchedByPdf") : t("agreementSigning.verify.matchedByContent")}</Paragraph>
        </div>
      </div>
      <dl className="koers-facts">
        <dt>{t("agreementSigning.verify.municipality")}</dt>
        <dd>{a.municipality}</dd>
        <dt>{t("agreementSigning.verify.reference")}</dt>
        <dd>{a.reference}</dd>
        <dt>{t("agreementSigning.verify.agreementTitle")}</dt>
        <dd>{a.title}</dd>
        <dt>{t("agreementSigning.verify.version")}</dt>
        <dd>{a.version}</dd>
        <dt>{t("agreementSigning.verify.status")}</dt>
        <dd>{status(a.status)}</dd>
        {a.activatedAt ? (
          <>
            <dt>{t("agreementSigning.verify.inForceSince")}</dt>
            <dd>{formatMoment(a.activatedAt, i18n.language)}</dd>
          </>
        ) : null}
        <dt>{t("agreementSigning.verify.contentHash")}</dt>
        <dd className="koers-hash">{a.contentHash}</dd>
        <dt>{t("agreementSigning.verify.pdfHash")}</dt>
        <dd className="koers-hash">{a.sealed ? a.sealed.pdfSha256 : t("agreementSigning.verify.notSealed")}</dd>
      </dl>
      <Paragraph>{a.newerVersion ? t("agreementSigning.verify.newer", { version: a.newerVersion.version, status: status(a.newerVersion.status) }) : t("agreementSigning.verify.newest")}</Paragraph>
      <Table>
        <TableCaption>{t("agreementSigning.verify.signatures")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("agreementSigning.signatures.role")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreementSigning.signatures.name")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreementSigning.signatures.when")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {a.signatures.map((s) => (
            <TableRow key={s.role}>
              <TableCell>{t(`agreementSigning.roles.${s.role}`)}</TableCell>
              <TableCell>{s.name}</TableCell>
              <TableCell>{formatMoment(s.signedAt, i18n.language)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table>
        <TableCaption>{t("agreementSigning.verify.trail")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("agreementSigning.verify.trailWhen")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreementSigning.verify.trailWhat")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreementSigning.verify.trailVersion")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("agreementSigning.verify.trailWho")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {a.trail.map((e, i) => (
            <TableRow key={i}>
              <TableCell>{formatMoment(e.at, i18n.language)}</TableCell>
              <TableCell>{t(`agreementSigning.verify.actions.${e.action}`, { defaultValue: e.action })}</TableCell>
              <TableCell>{e.version ?? "-"}</TableCell>
              <TableCell>{e.actor}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

export { ErrorBoundary } from "../components/ui/route-error";
