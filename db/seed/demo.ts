// The demo municipality: departments, external sources and one user per role. Seeded once; a
// database that already has it is left alone.
import { and, eq } from "drizzle-orm";
import type { Database } from "../client";
import { account, department, departmentOwner, externalSource, member, organization, phase, user } from "../schema/index";
import { recordAudit } from "../../app/modules/audit/audit.server";
import { createProgramme } from "../../app/modules/programme/programme.server";
import { ensureStandardDocuments } from "../../app/modules/documents/standard-documents";
import { seedDemoDocuments } from "./demo-documents";
import { seedDemoQuickscan } from "./demo-quickscan";
import { ensureFocusAreas } from "../../app/modules/strategy/focus-area-frame";
import { seedDemoPolicyMaps } from "./demo-policy-maps";
import { seedDemoKpis } from "./demo-kpis";
import { seedDemoMeasurements } from "./demo-measurements";
import { seedDemoAgreements } from "./demo-agreements";
import { seedDemoTraining } from "./demo-training";
import type { Role } from "../../app/modules/auth/roles";

export const DEMO_MUNICIPALITY = { name: "Zeewolde", cbsCode: "GM0050" };
export const DEMO_PASSWORD = "Koers-demo-2026!";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "lead@koers.demo", name: "Fatima el Amrani", role: "programme_lead" },
  { email: "eigenaar@koers.demo", name: "Jan de Vries", role: "department_owner" },
  { email: "medewerker@koers.demo", name: "Sanne Jansen", role: "staff" },
  { email: "trainer@koers.demo", name: "Pieter Bakker", role: "trainer" },
  { email: "meelezer@koers.demo", name: "Ingrid Visser", role: "viewer" },
];
const DEPARTMENTS = ["Burgerzaken", "Ruimtelijke ordening", "Sociaal domein", "Openbare ruimte", "Financiën", "Veiligheid en handhaving"];
const SOURCES: [string, string][] = [
  ["KvK", "Kamer van Koophandel: handelsregister"],
  ["Kadaster", "Basisregistratie Kadaster en BAG"],
  ["Politie", "Geregistreerde criminaliteit en meldingen"],
  ["CBS", "Centraal Bureau voor de Statistiek"],
  ["Brandweer", "Veiligheidsregio: uitrukken en incidenten"],
];

export async function seedDemo(db: Database, hashPassword: (password: string) => Promise<string>): Promise<boolean> {
  const [existing] = await db.select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, DEMO_MUNICIPALITY.cbsCode));
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const municipalityId = crypto.randomUUID();
    const seedActor = { userId: null, label: "Koers demo seed" };
    await tx.insert(organization).values({ id: municipalityId, name: DEMO_MUNICIPALITY.name, slug: DEMO_MUNICIPALITY.cbsCode.toLowerCase(), cbsCode: DEMO_MUNICIPALITY.cbsCode });
    await recordAudit(tx, { municipalityId, actor: seedActor, action: "municipality.created", objectType: "municipality", objectId: municipalityId, details: DEMO_MUNICIPALITY });
    await createProgramme(tx, municipalityId, "Koers 2027");
    await ensureStandardDocuments(tx, municipalityId);
    await seedDemoDocuments(tx, municipalityId);
    await ensureFocusAreas(tx, municipalityId);
    await seedDemoPolicyMaps(tx, municipalityId, seedActor);
    // The demo programme is under way: phase 1 runs.
    const [firstPhase] = await tx
      .update(phase)
      .set({ status: "active", startedAt: new Date() })
      .where(and(eq(phase.municipalityId, municipalityId), eq(phase.number, 1)))
      .returning({ id: phase.id });
    await recordAudit(tx, { municipalityId, actor: seedActor, action: "phase.started", objectType: "phase", objectId: firstPhase!.id, details: { phase: 1 } });
    const userIds = new Map<Role, string>();
    for (const demo of DEMO_USERS) {
      let [row] = await tx.select({ id: user.id }).from(user).where(eq(user.email, demo.email));
      if (!row) {
        row = { id: crypto.randomUUID() };
        await tx.insert(user).values({ id: row.id, name: demo.name, email: demo.email, emailVerified: true, locale: "nl" });
        await tx.insert(account).values({ id: crypto.randomUUID(), accountId: row.id, providerId: "credential", userId: row.id, password: passwordHash });
      }
      const memberId = crypto.randomUUID();
      await tx.insert(member).values({ id: memberId, organizationId: municipalityId, userId: row.id, role: demo.role });
      await recordAudit(tx, { municipalityId, actor: seedActor, action: "member.added", objectType: "member", objectId: memberId, details: { email: demo.email, role: demo.role } });
      userIds.set(demo.role, row.id);
    }
    const departmentIds = new Map<string, string>();
    for (const [index, name] of DEPARTMENTS.entries()) {
      const id = crypto.randomUUID();
      departmentIds.set(name, id);
      await tx.insert(department).values({ id, municipalityId, name });
      if (index < 2) await tx.insert(departmentOwner).values({ departmentId: id, userId: userIds.get("department_owner")! });
      await recordAudit(tx, { municipalityId, actor: seedActor, action: "department.created", objectType: "department", objectId: id, details: { name } });
    }
    for (const [name, description] of SOURCES) {
      const id = crypto.randomUUID();
      await tx.insert(externalSource).values({ id, municipalityId, name, description });
      await recordAudit(tx, { municipalityId, actor: seedActor, action: "external_source.created", objectType: "external_source", objectId: id, details: { name } });
    }
    // A closed baseline quickscan answered by four colleagues: the results page has a radar to show.
    const respondent = (role: Role, departmentName: string) => ({ userId: userIds.get(role)!, departmentId: departmentIds.get(departmentName) ?? null });
    await seedDemoQuickscan(tx, municipalityId, userIds.get("programme_lead")!, [
      respondent("programme_lead", "Financiën"),
      respondent("department_owner", "Burgerzaken"),
      respondent("staff", "Sociaal domein"),
      respondent("trainer", "Sociaal domein"),
    ]);
    // Phase 2: KPIs on the demo policy map (needs its users, departments and sources).
    await seedDemoKpis(tx, municipalityId, seedActor, { programme_lead: userIds.get("programme_lead")!, department_owner: userIds.get("department_owner")! });
    // Their history, so the dashboard, trends and forecasts show from the first login.
    await seedDemoMeasurements(tx, municipalityId, seedActor, userIds.get("programme_lead")!);
    // Phase 3: delivery agreements for those KPIs (active and signed, in review, draft).
    await seedDemoAgreements(tx, municipalityId, seedActor, { programme_lead: userIds.get("programme_lead")!, department_owner: userIds.get("department_owner")! });
    // Phase 4: rules of use approved, departments of members, a logged and an open training session.
    await seedDemoTraining(tx, municipalityId, seedActor, userIds);
  });
  return true;
}
