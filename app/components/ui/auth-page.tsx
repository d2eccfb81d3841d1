// The frame of the signed-out pages: a header with the language switch, one narrow column.
import { Heading1 } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./language-switch";

export function AuthPage({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="koers-skip" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="koers-header">
        <a className="koers-brand" href="/">
          {t("app.name")}
        </a>
        <div className="koers-header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="koers-narrow">
        <Heading1>{title}</Heading1>
        {children}
      </main>
    </>
  );
}
