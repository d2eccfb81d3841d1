import { Heading1, Link, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";

export function ErrorPage({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="koers-narrow">
      <Heading1>{title}</Heading1>
      <Paragraph>{body}</Paragraph>
      <Paragraph>
        <Link href="/">{t("common.toHome")}</Link>
      </Paragraph>
    </main>
  );
}
