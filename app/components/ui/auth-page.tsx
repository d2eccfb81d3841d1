// The frame of pages outside a municipality: a header with the language switch, one column.
import { Heading1 } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { LanguageSwitch } from "./language-switch";

export function AuthPage({ title, titleId, wide = false, children }: { title: string; titleId?: string; wide?: boolean; children: React.ReactNode }) {
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
      <main id="main" className={wide ? "koers-main" : "koers-narrow"} tabIndex={-1}>
        <Heading1 id={titleId}>{title}</Heading1>
        {children}
      </main>
    </>
  );
}
