// Error boundary for pages inside a municipality: the message shows within the app shell, so the
// navigation stays (a 403 on one page should not take the whole app away).
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Heading1, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : "error";
  return (
    <div role="alert">
      <Heading1>{t(`common.${key}Title`)}</Heading1>
      <Paragraph>{t(`common.${key}Body`)}</Paragraph>
    </div>
  );
}
