// The sub-navigation of the training pages.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";

export function TrainingNav({ cbsCode }: { cbsCode: string }) {
  const { t } = useTranslation();
  const base = `/g/${cbsCode}/training`;
  const links: [string, string, boolean][] = [
    [base, t("training.tabs.sessions"), true],
    [`${base}/checklists`, t("training.tabs.checklists"), false],
    [`${base}/dekking`, t("training.tabs.coverage"), false],
    [`${base}/spelregels`, t("training.tabs.rules"), false],
  ];
  return (
    <nav aria-label={t("training.title")} className="koers-subnav">
      <ul>
        {links.map(([to, label, end]) => (
          <li key={to}>
            <NavLink to={to} end={end} prefetch="intent">
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
