import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { useTranslation } from "./i18n/use-translation";
import tokens from "@utrecht/design-tokens/dist/index.css?url";
import components from "@utrecht/component-library-css/dist/index.css?url";
import styles from "./styles/app.css?url";
import { i18nFor, localeFromCookieHeader, toLocale, type Locale } from "./i18n/i18n";
import { isDevMailboxEnabled } from "./config.server";
import { ErrorPage } from "./components/ui/error-page";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: tokens },
  { rel: "stylesheet", href: components },
  { rel: "stylesheet", href: styles },
];

/** The title of error pages (WCAG 2.4.2); every page route sets its own. */
export const meta: MetaFunction = ({ error }) => {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? "Pagina niet gevonden" : status === 403 ? "Geen toegang" : "Er ging iets mis";
  return [{ title: `${title} · Koers` }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = context.koers.signedIn;
  const cookieLocale = request.headers.get("cookie")?.includes("koers_lang=") ? localeFromCookieHeader(request.headers.get("cookie")) : undefined;
  const locale: Locale = cookieLocale ?? toLocale(signedIn?.user.locale);
  return {
    locale,
    user: signedIn ? { name: signedIn.user.name, email: signedIn.user.email } : null,
    devMailbox: isDevMailboxEnabled(),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "nl";
  const i18n = i18nFor(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-theme utrecht-document">
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage title={t("common.notFoundTitle")} body={t("common.notFoundBody")} />;
  if (isRouteErrorResponse(error) && error.status === 403) return <ErrorPage title={t("common.forbiddenTitle")} body={t("common.forbiddenBody")} />;
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage title={t("common.errorTitle")} body={t("common.errorBody")} />;
}
