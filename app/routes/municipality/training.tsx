// Training (phase 4): my checklist, the upcoming sessions to sign up for, the sessions a trainer
// still has to log, and earlier sessions. Trainers plan new sessions and download attendance lists.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import styles from "../../styles/training.css?url";
import type { LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { useTranslation } from "../../i18n/use-translation";
import { MyChecklist } from "../../components/training/my-checklist";
import { TrainingNav } from "../../components/training/training-nav";
import { notFound, requireMember } from "../../modules/auth/guards.server";
import { canTrain } from "../../modules/training/access";
import { checklistOf } from "../../modules/training/coverage.server";
import { formatSessionTime } from "../../modules/training/local-time";
import { listSessions, type SessionListItem } from "../../modules/training/session-view.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Training · Koers" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.code);
  const now = new Date();
  const [sessions, checklist] = await Promise.all([listSessions(member, now), checklistOf(member)]);
  if (!checklist) throw notFound();
  const trainer = canTrain(member.role);
  return {
    cbsCode: member.cbsCode,
    trainer,
    checklist,
    upcoming: sessions.filter((s) => s.status === "planned" && s.endsAt > now),
    toLog: trainer ? sessions.filter((s) => s.needsLog) : [],
    past: sessions.filter((s) => s.endsAt <= now && !(trainer && s.needsLog)).reverse(),
  };
}

export default function Training() {
  const { t } = useTranslation();
  const { cbsCode, trainer, checklist, upcoming, toLog, past } = useLoaderData<typeof loader>();
  return (
    <>
      <Heading1>{t("training.title")}</Heading1>
      <TrainingNav cbsCode={cbsCode} />
      <Paragraph>{t("training.intro")}</Paragraph>
      <MyChecklist role={checklist.role} items={checklist.items} />
      {trainer ? (
        <ul className="koers-inline-actions">
          <li>
            <Link to={`/g/${cbsCode}/training/sessies/nieuw`}>{t("training.sessions.plan")}</Link>
          </li>
          <li>
            <a href={`/g/${cbsCode}/training/aanwezigheid.xlsx`} download>
              {t("training.sessions.exportAll")}
            </a>
          </li>
        </ul>
      ) : null}
      {toLog.length > 0 ? (
        <section className="koers-section" aria-labelledby="to-log-heading">
          <Heading2 id="to-log-heading">{t("training.sessions.toLog")}</Heading2>
          <Paragraph>{t("training.sessions.toLogIntro")}</Paragraph>
          <SessionTable sessions={toLog} caption={t("training.sessions.caption.toLog")} cbsCode={cbsCode} />
        </section>
      ) : null}
      <section className="koers-section" aria-labelledby="upcoming-heading">
        <Heading2 id="upcoming-heading">{t("training.sessions.upcoming")}</Heading2>
        {upcoming.length === 0 ? <Paragraph>{t("training.sessions.none")}</Paragraph> : <SessionTable sessions={upcoming} caption={t("training.sessions.caption.upcoming")} cbsCode={cbsCode} />}
      </section>
      <section className="koers-section" aria-labelledby="past-heading">
        <Heading2 id="past-heading">{t("training.sessions.past")}</Heading2>
        {past.length === 0 ? <Paragraph>{t("training.sessions.nonePast")}</Paragraph> : <SessionTable sessions={past} caption={t("training.sessions.caption.past")} cbsCode={cbsCode} />}
      </section>
    </>
  );
}

type Row = Omit<SessionListItem, "startsAt" | "endsAt"> & { startsAt: string | Date; endsAt: string | Date };

function SessionTable({ sessions, caption, cbsCode }: { sessions: Row[]; caption: string; cbsCode: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table className="koers-table">
      <TableCaption className="visually-hidden">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t("training.sessions.columns.title")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.sessions.columns.when")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.sessions.columns.place")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.sessions.columns.trainer")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.sessions.columns.topics")}</TableHeaderCell>
          <TableHeaderCell scope="col">{t("training.sessions.columns.seats")}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sessions.map((s) => (
          <TableRow key={s.id}>
            <TableHeaderCell scope="row">
              <Link to={`/g/${cbsCode}/training/sessies/${s.id}`}>{s.title}</Link>
              {s.status !== "planned" ? <div className="koers-muted">{t(`training.sessionStatus.${s.status}`)}</div> : null}
              {s.myStatus && s.status === "planned" ? <div>{t(`training.sessions.mine.${s.myStatus}`)}</div> : null}
            </TableHeaderCell>
            <TableCell>{formatSessionTime(new Date(s.startsAt), new Date(s.endsAt), i18n.language)}</TableCell>
            <TableCell>{[s.location, s.onlineUrl ? t("training.session.online") : null].filter(Boolean).join(" · ")}</TableCell>
            <TableCell>{s.trainerName}</TableCell>
            <TableCell>{s.topics.join(", ")}</TableCell>
            <TableCell>
              {t("training.sessions.seats", { registered: s.registered, capacity: s.capacity })}
              {s.waitlisted > 0 ? <div>{t("training.sessions.waitlist", { count: s.waitlisted })}</div> : null}
              {!s.openForSignUp ? <div className="koers-muted">{t("training.sessions.byInvitation")}</div> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export { ErrorBoundary } from "../../components/ui/route-error";
