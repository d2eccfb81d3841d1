// Route table (React Router v7 style). Dutch URLs, because users share and read them.
import { index, layout, prefix, route, type RouteConfig } from "@remix-run/route-config";

export default [
  index("routes/home.tsx"),
  route("inloggen", "routes/auth/sign-in.tsx"),
  route("inloggen/tweestaps", "routes/auth/sign-in-totp.tsx"),
  route("registreren", "routes/auth/sign-up.tsx"),
  route("registreren/controleer-email", "routes/auth/check-email.tsx"),
  route("e-mail-bevestigen", "routes/auth/verify-email.tsx"),
  route("wachtwoord-vergeten", "routes/auth/forgot-password.tsx"),
  route("wachtwoord-herstellen/:token", "routes/auth/reset-password.tsx"),
  route("uitloggen", "routes/auth/sign-out.tsx"),
  route("taal", "routes/language.tsx"),
  route("account", "routes/account.tsx"),
  route("gemeenten", "routes/municipalities/choose.tsx"),
  route("gemeenten/nieuw", "routes/municipalities/create.tsx"),
  route("uitnodiging/:invitationId", "routes/invitation.tsx"),
  route("dev/mail", "routes/dev-mailbox.tsx"),
  route("g/:code/fase/:phase/bord/live", "routes/municipality/board-live.ts"),
  route("g/:code/documenten/:documentId/export/:format", "routes/municipality/document-export.ts"),
  ...prefix("g/:code", [
    layout("routes/municipality/layout.tsx", [
      index("routes/municipality/overview.tsx"),
      route("fase/:phase", "routes/municipality/phase.tsx"),
      route("fase/:phase/bord", "routes/municipality/board.tsx"),
      route("fase/:phase/bord/taak/:taskId", "routes/municipality/task.tsx"),
      route("documenten", "routes/municipality/documents.tsx"),
      route("documenten/:documentId", "routes/municipality/document.tsx"),
      route("documenten/:documentId/geschiedenis", "routes/municipality/document-history.tsx"),
      route("meldingen", "routes/municipality/notifications.tsx"),
      route("leden", "routes/municipality/members.tsx"),
      route("afdelingen", "routes/municipality/departments.tsx"),
      route("logboek", "routes/municipality/audit-log.tsx"),
      route("instellingen", "routes/municipality/settings.tsx"),
    ]),
  ]),
] satisfies RouteConfig;
