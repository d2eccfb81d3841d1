// Seeds what browser journeys need but cannot make through a page of this build: run once after
// db/setup.ts, before the server opens the (embedded, single-process) database. Idempotent.
// Usage: tsx tests/e2e/support/seed-fixtures.ts
import { and, eq, sql } from "drizzle-orm";
import { hashPassword } from "better-auth/crypto";
import { closeDatabase, db, useDatabase } from "../../../app/db.server";
import { createMunicipality } from "../../../app/modules/municipalities/municipalities.server";
import { createDb } from "../../../db/client";
import { account, department, externalSource, focusArea, kpi, kpiSuccessFactor, kpiTarget, organization, scanResponse, scanRound, strategicGoal, successFactor, user } from "../../../db/schema/index";
import { seedTimelinessFixtures } from "./seed-timeliness";
import { seedSigningAgreement } from "./signing-fixtures";
import { DASHBOARD_KPI, KPI_DEFINITION_FIXTURES, PHASES_FOCUS_AREA, PHASES_LEAD, PHASES_MUNICIPALITY, PHASES_SCAN_ROUND } from "./fixtures-data";

/**
 * Enschede with its lead, phases not started, and the part of phase 1's work that other pages do:
 * one chosen focus area with a complete policy map, and a closed quickscan round three colleagues answered.
 */
async function seedPhasesMunicipality(): Promise<boolean> {
  const [existing] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  if (existing) return false;
  const userId = crypto.randomUUID();
  await db().insert(user).values({ id: userId, name: PHASES_LEAD.name, email: PHASES_LEAD.email, emailVerified: true, locale: "nl" });
  await db().insert(account).values({ id: crypto.randomUUID(), accountId: userId, providerId: "credential", userId, password: await hashPassword(PHASES_LEAD.password) });
  const created = await createMunicipality({ userId, userName: PHASES_LEAD.name, email: PHASES_LEAD.email }, PHASES_MUNICIPALITY, "127.0.0.1");
  if (!created.ok) throw new Error(`could not create ${PHASES_MUNICIPALITY.cbsCode}: ${created.error}`);
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  const municipalityId = m!.id;
  await db().transaction(async (tx) => {
    const areaId = crypto.randomUUID();
    const goalId = crypto.randomUUID();
    await tx.insert(focusArea).values({ id: areaId, municipalityId, name: PHASES_FOCUS_AREA.name, chosen: true, position: 0 });
    await tx.insert(strategicGoal).values({ id: goalId, municipalityId, focusAreaId: areaId, title: PHASES_FOCUS_AREA.goal, position: 0 });
    await tx.insert(successFactor).values({ id: crypto.randomUUID(), municipalityId, goalId, title: PHASES_FOCUS_AREA.factor, position: 0 });
    const roundId = crypto.randomUUID();
    const now = new Date();
    await tx.insert(scanRound).values({
      id: roundId,
      municipalityId,
      name: PHASES_SCAN_ROUND,
      status: "closed",
      instrument: { scale: { min: 1, max: 5 }, dimensions: [{ key: "sturing", name: "Sturing", statements: ["Doelen zijn meetbaar geformuleerd."] }] },
      createdByUserId: userId,
      openedAt: now,
      closedAt: now,
    });
    // The quickscan counts as taken with three submitted responses: the lead's and two colleagues'.
    const respondents = [userId];
    for (const n of [1, 2]) {
      const colleagueId = crypto.randomUUID();
      await tx.insert(user).values({ id: colleagueId, name: `Collega ${n} van ${PHASES_MUNICIPALITY.name}`, email: `collega${n}.${PHASES_MUNICIPALITY.cbsCode.toLowerCase()}@koers.test`, emailVerified: true, locale: "nl" });
      respondents.push(colleagueId);
    }
    for (const respondent of respondents) {
      await tx.insert(scanResponse).values({ id: crypto.randomUUID(), roundId, municipalityId, userId: respondent, invitedByUserId: userId, startedAt: now, submittedAt: now });
    }
  });
  return true;
}

// --- KPI dashboard journey (part B) -------------------------------------------------------------

/**
 * Enschede gets a fully defined KPI from library entry KRS-BER-03 (grade 1–10, higher is better,
 * quarterly, this year's target with thresholds, owned by the lead, linked to the fixture policy
 * map's success factor), without measurements. Idempotent.
 */
async function seedDashboardKpi(): Promise<boolean> {
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  if (!m) return false;
  const municipalityId = m.id;
  const [existing] = await db().select({ id: kpi.id }).from(kpi).where(and(eq(kpi.municipalityId, municipalityId), eq(kpi.templateCode, DASHBOARD_KPI.templateCode)));
  if (existing) return false;
  const [lead] = await db().select({ id: user.id }).from(user).where(eq(user.email, PHASES_LEAD.email));
  const [factor] = await db().select({ id: successFactor.id }).from(successFactor).where(and(eq(successFactor.municipalityId, municipalityId), eq(successFactor.title, PHASES_FOCUS_AREA.factor)));
  await db().transaction(async (tx) => {
    let [source] = await tx.select({ id: externalSource.id }).from(externalSource).where(and(eq(externalSource.municipalityId, municipalityId), sql`lower(${externalSource.name}) = lower(${DASHBOARD_KPI.source})`));
    if (!source) {
      source = { id: crypto.randomUUID() };
      await tx.insert(externalSource).values({ id: source.id, municipalityId, name: DASHBOARD_KPI.source });
    }
    const kpiId = crypto.randomUUID();
    await tx.insert(kpi).values({
      id: kpiId,
      municipalityId,
      templateCode: DASHBOARD_KPI.templateCode,
      name: DASHBOARD_KPI.name,
      definition: "Gemiddeld rapportcijfer dat inwoners geven voor het onderhoud van wegen en fietspaden.",
      formula: "Som van de rapportcijfers gedeeld door het aantal antwoorden in het inwonerspanel.",
      unit: DASHBOARD_KPI.unit,
      unitKind: "grade",
      direction: "higher_is_better",
      frequency: "quarter",
      decimals: 1,
      ownerUserId: lead?.id ?? null,
      dataNeeded: "Antwoorden van het inwonerspanel op de vraag over onderhoud van wegen en fietspaden.",
      sourceExternalSourceId: source.id,
      position: 1,
      createdByUserId: lead?.id ?? null,
    });
    // This year and last year: the quarter before the current one may lie in last year.
    for (const year of [new Date().getUTCFullYear() - 1, new Date().getUTCFullYear()]) {
      await tx.insert(kpiTarget).values({ id: crypto.randomUUID(), municipalityId, kpiId, year, target: 7.5, greenFrom: 7, amberFrom: 6.5 });
    }
    if (factor) await tx.insert(kpiSuccessFactor).values({ kpiId, successFactorId: factor.id, municipalityId });
  });
  return true;
}

/**
 * KPI definitions (part A): Enschede gets a department and an external source, so a KPI's source
 * can be chosen in the definition journey (tests/e2e/kpi-definitions.spec.ts).
 */
async function seedKpiDefinitionFixtures(): Promise<void> {
  const [m] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, PHASES_MUNICIPALITY.cbsCode));
  if (!m) return;
  const [existing] = await db().select({ id: department.id }).from(department).where(eq(department.municipalityId, m.id));
  if (existing) return;
  await db().insert(department).values({ id: crypto.randomUUID(), municipalityId: m.id, name: KPI_DEFINITION_FIXTURES.department });
  await db().insert(externalSource).values({ id: crypto.randomUUID(), municipalityId: m.id, name: KPI_DEFINITION_FIXTURES.externalSource });
}

async function main() {
  useDatabase(await createDb());
  try {
    const seeded = await seedPhasesMunicipality();
    await seedKpiDefinitionFixtures();
    console.log(seeded ? `E2E fixtures: ${PHASES_MUNICIPALITY.name} (${PHASES_MUNICIPALITY.cbsCode}) seeded.` : "E2E fixtures present.");
    if (await seedDashboardKpi()) console.log(`E2E fixtures: KPI ${DASHBOARD_KPI.templateCode} seeded.`);
    await (await import("./seed-odcs-fixtures")).seedOdcsFixtures();
    if (await seedTimelinessFixtures()) console.log("E2E fixtures: delivery timeliness (Deventer) seeded.");
    if (await seedSigningAgreement()) console.log("E2E fixtures: agreement awaiting signatures seeded.");
    if (await (await import("./seed-deliveries")).seedDeliveriesFixtures()) console.log("E2E fixtures: deliveries agreement seeded.");
    if (await (await import("./seed-training")).seedTrainingFixtures()) console.log("E2E fixtures: training (Zoetermeer) seeded.");
  } finally {
    await closeDatabase();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
