// The app shell for one municipality: header with switcher and account, side navigation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { LanguageSwitch } from "../../components/ui/language-switch";
import { requireMember } from "../../modules/auth/guards.server";
import { can } from "../../modules/auth/roles";
import { loadHeaderSummary } from "../../modules/layout/header.server";
import type { RootData } from "../../root";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const header = await loadHeaderSummary(member);
  return {
    member: { name: member.userName, role: member.role, municipalityName: member.municipalityName, cbsCode: member.cbsCode },
    severalMunicipalities: header.municipalityCount > 1,
    canManage: can(member.role, { member: ["invite"] }),
    canReadAudit: can(member.role, { audit: ["read"] }),
    unreadNotifications: header.unreadNotifications,
    rulesToRead: header.rulesToRead,
  };
}

export type MunicipalityLayoutData = Awaited<ReturnType<typeof loader>>;

export default function MunicipalityLayout() {
  const { t } = useTranslation();
  const { member, severalMunicipalities, canManage, canReadAudit, unreadNotifications, rulesToRead } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootData>("root");
  const base = `/g/${member.cbsCode}`;
  const links: [string, string, boolean?][] = [
    [base, t("nav.overview"), true],
    [`${base}/fase/1`, t("nav.phase1")],
    [`${base}/fase/2`, t("nav.phase2")],
    [`${base}/fase/3`, t("nav.phase3")],
    [`${base}/fase/4`, t("nav.phase4")],
    [`${base}/documenten`, t("nav.documents")],
    [`${base}/aandachtsgebieden`, t("nav.focusAreas")],
    [`${base}/quickscan`, t("nav.quickscan")],
    [`${base}/kpis`, t("nav.kpis")],
    [`${base}/overeenkomsten`, t("nav.agreements")],
    [`${base}/leveringen`, t("nav.deliveries")],
    [`${base}/training`, t("training.nav")],
    [`${base}/leden`, t("nav.members")],
    [`${base}/afdelingen`, t("nav.departments")],
  ];
  if (canReadAudit) links.push([`${base}/logboek`, t("nav.audit")]);
  if (canManage) links.push([`${base}/instellingen`, t("nav.settings")]);
  return (
    <>
      <a className="koers-skip" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="koers-header">
        <a className="koers-brand" href={base}>
          {t("app.name")} <span className="visually-hidden">—</span> <small>{member.municipalityName}</small>
        </a>
        <div className="koers-header-tools">
          {severalMunicipalities ? (
            <a href="/gemeenten">{t("nav.switchMunicipality")}</a>
          ) : null}
          <NavLink to={`${base}/meldingen`} prefetch="intent" className="koers-notifications-link">
            {t("nav.notifications")}
            {unreadNotifications > 0 ? (
              <>
                {" "}
                <span className="koers-badge">{t("notifications.unreadCount", { count: unreadNotifications })}</span>
              </>
            ) : null}
          </NavLink>
          {root?.devMailbox ? <a href="/dev/mail">{t("nav.devMailbox")}</a> : null}
          <a href="/account">
            {t("nav.account")} <span className="visually-hidden">({member.name})</span>
          </a>
          <LanguageSwitch />
          <Form method="post" action="/uitloggen" className="koers-inline-form">
            <button type="submit" className="koers-linkbutton">
              {t("nav.signOut")}
            </button>
          </Form>
        </div>
      </header>
      <div className="koers-shell">
        <nav className="koers-sidenav" aria-label={t("nav.main")}>
          <p className="koers-muted">
            {t(`roles.${member.role}`)} · {member.cbsCode}
          </p>
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
        <main id="main" className="koers-main" tabIndex={-1}>
          {rulesToRead ? (
            <div className="utrecht-alert utrecht-alert--info koers-rules-banner">
              <div className="utrecht-alert__message">
                <p className="utrecht-paragraph">
                  {t("training.rules.banner")} <NavLink to={`${base}/training/spelregels`}>{t("training.rules.bannerLink")}</NavLink>
                </p>
              </div>
            </div>
          ) : null}
          <Outlet />
        </main>
      </div>
    </>
  );
}
