// Switches the UI language; the choice is stored in a cookie (and on the account when signed in).
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const other = i18n.language === "en" ? "nl" : "en";
  return (
    <Form method="post" action="/taal" className="koers-inline-form">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="koers-linkbutton" lang={other}>
        <span className="visually-hidden">{t("nav.language")}: </span>
        {other === "en" ? "English" : "Nederlands"}
      </button>
    </Form>
  );
}
