// KPIs, part A: the library (search, filters, chosen entries), choosing and defining KPIs (the
// definition, targets with thresholds, every refusal writing nothing), relations (success factors,
// influence links), retire/restore, the phase-2 gate checks, roles on the pages, the audit trail,
// and tenant isolation by id.
import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import { loadKpiDefinition } from "../../app/modules/kpis/definition-view.server";
import { kpiDefinitionCounts, kpiGateChecks, KPIS_ALL_DEFINED, KPIS_ALL_OWNED } from "../../app/modules/kpis/gate-checks.server";
import { loadKpiTree } from "../../app/modules/kpis/kpi-tree.server";
import { chooseTemplate, createKpi, listKpis, restoreKpi, retireKpi, updateDefinition, type KpiOutcome } from "../../app/modules/kpis/kpis.server";
import { listLibrary } from "../../app/modules/kpis/library.server";
import { addInfluence, linkFactor, listFactorOptions, removeInfluence, unlinkFactor } from "../../app/modules/kpis/relations.server";
import type { DefinitionInput } from "../../app/modules/kpis/schema";
import { removeTarget, saveTarget } from "../../app/modules/kpis/targets.server";
import { COMPUTED_CHECKS } from "../../app/modules/programme/gate-templates";
import { loader as definitionLoader, action as definitionAction } from "../../app/routes/municipality/kpi-definition";
import { action as libraryAction, loader as libraryLoader } from "../../app/routes/municipality/kpi-library";
import { action as newAction } from "../../app/routes/municipality/kpi-new";
import { loader as treeLoader } from "../../app/routes/municipality/kpi-tree";
import { auditEvent, department, externalSource, kpi, kpiInfluence, kpiSuccessFactor, kpiTarget, measurement, member, strategicGoal, successFactor } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { contextFor } from "./support/context";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";
import { addFocusArea } from "./support/strategy";
import { DEMO_MUNICIPALITY, seedDemo } from "../../db/seed/demo";
import { DEMO_KPIS } from "../../db/seed/demo-kpis";
import { inUnitRange } from "../../app/modules/kpis/units";
import { organization } from "../../db/schema/index";

useTestDatabase();

let lead: Member;
let other: Member;
let roles: Record<"department_owner" | "staff" | "trainer" | "viewer", Member>;
let factorId: string;
let secondFactorId: string;
let otherFactorId: string;
let departmentId: string;
let sourceId: string;
let otherDepartmentId: string;
const YEAR = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(new Date()));

async function join(by: Member, email: string, role: Role): Promise<Member> {
  const u = await createVerifiedUser(email);
  await db().insert(member).values({ id: crypto.randomUUID(), organizationId: by.municipalityId, userId: u.id, role });
  return memberOf(u.id, by.cbsCode);
}

async function count(table: typeof kpi | typeof kpiTarget | typeof kpiSuccessFactor | typeof kpiInfluence | typeof auditEvent): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

/** Row counts of everything a refused command must leave alone. */
async function snapshot() {
  return { kpis: await count(kpi), targets: await count(kpiTarget), links: await count(kpiSuccessFactor), influences: await count(kpiInfluence), audit: await count(auditEvent) };
}

async function events(m: Member, action?: string) {
  const { events: all } = await listAuditEvents(db(), m.municipalityId, { limit: 1000 });
  return action ? all.filter((e) => e.action === action) : all;
}

function ok(outcome: KpiOutcome): Extract<KpiOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function fieldError(outcome: KpiOutcome): Record<string, string[]> {
  if (outcome.ok || outcome.error !== "invalid") throw new Error(`expected a field error, got ${JSON.stringify(outcome)}`);
  return outcome.fieldErrors;
}

async function refusedWithoutWrites(command: () => Promise<KpiOutcome>): Promise<KpiOutcome> {
  const before = await snapshot();
  const outcome = await command();
  expect(outcome.ok).toBe(false);
  expect(await snapshot()).toEqual(before);
  return outcome;
}

const fullDefinition = (name: string, overrides: Partial<DefinitionInput> = {}): DefinitionInput => ({
  name,
  definition: "Aandeel inwoners dat zich meestal veilig voelt in de eigen buurt.",
  formula: "Aantal 'meestal veilig' / aantal respondenten × 100",
  unit: "% inwoners",
  unitKind: "percent",
  direction: "higher_is_better",
  frequency: "year",
  decimals: "1",
  ownerUserId: lead.userId,
  dataNeeded: "Antwoorden van de veiligheidsmonitor per wijk",
  source: `department:${departmentId}`,
  ...overrides,
});

beforeAll(async () => {
  lead = await createMunicipalityWithLead("GM0153", "Enschede", "fenna@enschede.test");
  other = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  roles = {
    department_owner: await join(lead, "owner@enschede.test", "department_owner"),
    staff: await join(lead, "staff@enschede.test", "staff"),
    trainer: await join(lead, "trainer@enschede.test", "trainer"),
    viewer: await join(lead, "viewer@enschede.test", "viewer"),
  };
  factorId = (await addFocusArea(lead, { name: "Veilig Enschede" })).factorId!;
  const [goal] = await db().select({ id: strategicGoal.id }).from(strategicGoal).where(eq(strategicGoal.municipalityId, lead.municipalityId));
  secondFactorId = crypto.randomUUID();
  await db().insert(successFactor).values({ id: secondFactorId, municipalityId: lead.municipalityId, goalId: goal!.id, title: "Snelle opvolging van meldingen", position: 1 });
  otherFactorId = (await addFocusArea(other, { name: "Veilig Amsterdam" })).factorId!;
  departmentId = crypto.randomUUID();
  sourceId = crypto.randomUUID();
  otherDepartmentId = crypto.randomUUID();
  await db().insert(department).values([
    { id: departmentId, municipalityId: lead.municipalityId, name: "Veiligheid" },
    { id: otherDepartmentId, municipalityId: other.municipalityId, name: "Veiligheid" },
  ]);
  await db().insert(externalSource).values({ id: sourceId, municipalityId: lead.municipalityId, name: "Politie" });
});

describe("the library", () => {
  it("lists the BBV indicators and the model set, withdrawn ones marked", async () => {
    const all = await listLibrary(lead);
    expect(all.total).toBe(97);
    expect(all.entries).toHaveLength(97);
    expect(all.entries.filter((e) => e.library === "bbv")).toHaveLength(39);
    expect(all.entries.filter((e) => e.withdrawn).map((e) => e.library)).toEqual(["bbv", "bbv", "bbv", "bbv", "bbv"]);
    const vei = all.entries.find((e) => e.code === "KRS-VEI-01")!;
    expect(vei).toMatchObject({ name: "Veiligheidsgevoel inwoners", library: "model", direction: "higher_is_better", frequency: "year", source: "Veiligheidsmonitor", chosen: null });
    expect(vei.focusArea?.name).toBe("De veilige gemeente");
  });

  it("searches name, unit and code, ignoring case, and filters by library and focus area", async () => {
    expect((await listLibrary(lead, { q: "veiligheidsGEVOEL" })).entries.map((e) => e.code)).toEqual(["KRS-VEI-01"]);
    expect((await listLibrary(lead, { q: "krs-vei-0" })).entries).toHaveLength(5);
    expect((await listLibrary(lead, { q: "rapportcijfer" })).entries.every((e) => e.unit.toLowerCase().includes("rapportcijfer"))).toBe(true);
    expect((await listLibrary(lead, { q: "%" })).entries.every((e) => e.unit.includes("%") || e.name.includes("%"))).toBe(true);
    const bbv = await listLibrary(lead, { library: "bbv" });
    expect(bbv.entries.every((e) => e.library === "bbv")).toBe(true);
    const veilig = (await listLibrary(lead)).areas.find((a) => a.key === "veilig")!;
    const inArea = await listLibrary(lead, { area: veilig.id, library: "model" });
    expect(inArea.entries.map((e) => e.code)).toEqual(["KRS-VEI-01", "KRS-VEI-02", "KRS-VEI-03", "KRS-VEI-04", "KRS-VEI-05"]);
    expect(inArea.filter).toEqual({ q: "", area: veilig.id, library: "model" });
    // Another municipality's area id is no filter at all.
    const foreign = (await listLibrary(other)).areas[0]!;
    expect((await listLibrary(lead, { area: foreign.id })).filter.area).toBe("");
  });
});

describe("choosing and defining", () => {
  it("chooses a library entry for a success factor: a copy of the template, linked, audited", async () => {
    const created = ok(await chooseTemplate(lead, { templateCode: "KRS-VEI-01", factorId }));
    const view = (await loadKpiDefinition(lead, created.id))!;
    expect(view).toMatchObject({
      name: "Veiligheidsgevoel inwoners",
      unit: "% inwoners dat zich meestal veilig voelt in de buurt",
      unitKind: "percent",
      direction: "higher_is_better",
      frequency: "year",
      template: { code: "KRS-VEI-01", library: "model", source: "Veiligheidsmonitor" },
      dataNeeded: "Bron in de bibliotheek: Veiligheidsmonitor",
      owner: null,
      source: null,
    });
    expect(view.factors.map((f) => f.title)).toEqual(["Buurtpreventie actief in elke wijk"]);
    expect(view.missing).toEqual(["definition", "formula", "target", "owner", "source"]);
    const [event] = await events(lead, "kpi.created");
    expect(event).toMatchObject({ objectType: "kpi", objectId: created.id, actorUserId: lead.userId });
    expect(event!.details).toMatchObject({ library: "KRS-VEI-01", successFactor: { title: "Buurtpreventie actief in elke wijk" } });
    // The library says it is chosen, and which KPI it is.
    expect((await listLibrary(lead, { q: "KRS-VEI-01" })).entries[0]!.chosen).toEqual({ kpiId: created.id, name: "Veiligheidsgevoel inwoners" });
    expect((await listLibrary(other, { q: "KRS-VEI-01" })).entries[0]!.chosen).toBeNull();
  });

  it("refuses the same entry twice, a withdrawn entry, an unknown entry and a foreign factor", async () => {
    expect(fieldError(await refusedWithoutWrites(() => chooseTemplate(lead, { templateCode: "KRS-VEI-01" })))).toEqual({ templateCode: ["kpiDefinitions.errors.templateTaken"] });
    expect(fieldError(await refusedWithoutWrites(() => chooseTemplate(lead, { templateCode: "BBV-07" })))).toEqual({ templateCode: ["kpiDefinitions.errors.templateWithdrawn"] });
    expect(fieldError(await refusedWithoutWrites(() => chooseTemplate(lead, { templateCode: "GEEN-99" })))).toEqual({ templateCode: ["kpiDefinitions.errors.templateNotFound"] });
    expect(fieldError(await refusedWithoutWrites(() => chooseTemplate(lead, { templateCode: "KRS-VEI-02", factorId: otherFactorId })))).toEqual({ factorId: ["kpiDefinitions.errors.factorNotFound"] });
  });

  it("defines a new KPI by name; the same name in other case is refused, also against library copies", async () => {
    ok(await createKpi(lead, { name: "Buurtpreventieteams actief", factorId }));
    expect(fieldError(await refusedWithoutWrites(() => createKpi(lead, { name: "  BUURTPREVENTIETEAMS ACTIEF " })))).toEqual({ name: ["kpiDefinitions.errors.nameTaken"] });
    expect(fieldError(await refusedWithoutWrites(() => createKpi(lead, { name: "veiligheidsgevoel inwoners" })))).toEqual({ name: ["kpiDefinitions.errors.nameTaken"] });
    expect(fieldError(await refusedWithoutWrites(() => createKpi(lead, { name: "   " })))).toEqual({ name: ["kpiDefinitions.errors.nameRequired"] });
    // Another municipality may use the same name.
    ok(await createKpi(other, { name: "Buurtpreventieteams actief" }));
  });
});

async function kpiByName(m: Member, name: string): Promise<string> {
  const found = (await listKpis(m, { includeRetired: true })).find((k) => k.name === name);
  if (!found) throw new Error(`no KPI ${name}`);
  return found.id;
}

describe("the definition", () => {
  it("saves the full definition with a before/after audit event and says what is still missing", async () => {
    const id = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    ok(await updateDefinition(lead, id, fullDefinition("Veiligheidsgevoel inwoners")));
    const view = (await loadKpiDefinition(lead, id))!;
    expect(view.owner).toMatchObject({ userId: lead.userId, isMember: true });
    expect(view.source).toEqual({ kind: "department", id: departmentId, name: "Veiligheid" });
    expect(view.missing).toEqual(["target"]);
    const [event] = await events(lead, "kpi.updated");
    expect(event!.details).toMatchObject({ before: { ownerUserId: null, definition: null }, after: { ownerUserId: lead.userId, sourceDepartmentId: departmentId } });
    // Saving the same again changes nothing and writes nothing.
    const before = await snapshot();
    expect(ok(await updateDefinition(lead, id, fullDefinition("Veiligheidsgevoel inwoners"))).changed).toBe(false);
    expect(await snapshot()).toEqual(before);
    // An external source instead of a department.
    ok(await updateDefinition(lead, id, fullDefinition("Veiligheidsgevoel inwoners", { source: `external:${sourceId}` })));
    expect((await loadKpiDefinition(lead, id))!.source).toEqual({ kind: "external", id: sourceId, name: "Politie" });
  });

  it("refuses an owner, department or source of another municipality, bad decimals and a taken name", async () => {
    const id = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    const name = "Veiligheidsgevoel inwoners";
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { ownerUserId: other.userId }))))).toEqual({ ownerUserId: ["kpiDefinitions.errors.ownerNotMember"] });
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { source: `department:${otherDepartmentId}` }))))).toEqual({ source: ["kpiDefinitions.errors.sourceNotFound"] });
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { source: "elders:1" }))))).toEqual({ source: ["kpiDefinitions.errors.sourceNotFound"] });
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { decimals: "5" }))))).toEqual({ decimals: ["kpiDefinitions.errors.decimalsInvalid"] });
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition("buurtpreventieteams ACTIEF"))))).toEqual({ name: ["kpiDefinitions.errors.nameTaken"] });
  });

  it("adds, changes and removes yearly targets; values must fit the unit and the direction", async () => {
    const id = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    const refused = async (input: Parameters<typeof saveTarget>[2]) => fieldError(await refusedWithoutWrites(() => saveTarget(lead, id, input)));
    expect(await refused({ year: String(YEAR), target: "120" })).toEqual({ target: ["kpiDefinitions.errors.range.percent"] });
    expect(await refused({ year: String(YEAR), target: "75", greenFrom: "70", amberFrom: "-1" })).toEqual({ amberFrom: ["kpiDefinitions.errors.range.percent"] });
    expect(await refused({ year: String(YEAR), target: "75", greenFrom: "60", amberFrom: "70" })).toEqual({ greenFrom: ["kpiDefinitions.errors.wrongOrderHigher"] });
    expect(await refused({ year: String(YEAR), target: "75", greenFrom: "70" })).toEqual({ amberFrom: ["kpiDefinitions.errors.thresholdsBoth"] });
    expect(await refused({ year: String(YEAR), target: "65", greenFrom: "70", amberFrom: "60" })).toEqual({ target: ["kpiDefinitions.errors.targetNotGreen"] });
    expect(await refused({ year: String(YEAR), target: "12abc" })).toEqual({ target: ["kpiDefinitions.errors.numberInvalid"] });
    expect(await refused({ year: String(YEAR), target: "1.234,5" })).toEqual({ target: ["kpiDefinitions.errors.numberInvalid"] });
    expect(await refused({ year: "20", target: "75" })).toEqual({ year: ["kpiDefinitions.errors.yearInvalid"] });

    const created = ok(await saveTarget(lead, id, { year: String(YEAR), target: "75,5", greenFrom: "72", amberFrom: "65" }));
    ok(await saveTarget(lead, id, { year: String(YEAR - 1), target: "72", greenFrom: "70", amberFrom: "60" }));
    expect(await refused({ year: String(YEAR), target: "80" })).toEqual({ year: ["kpiDefinitions.errors.yearTaken"] });
    let view = (await loadKpiDefinition(lead, id))!;
    expect(view.targets.map((t) => [t.year, t.target, t.greenFrom, t.amberFrom])).toEqual([
      [YEAR - 1, 72, 70, 60],
      [YEAR, 75.5, 72, 65],
    ]);
    expect(view.missing).toEqual([]);
    ok(await saveTarget(lead, id, { targetId: created.id, year: String(YEAR), target: "76", greenFrom: "72", amberFrom: "65" }));
    const [changed] = await events(lead, "kpi_target.updated");
    expect(changed!.details).toMatchObject({ before: { target: 75.5 }, after: { target: 76 } });
    // A row of this KPI only: another KPI's target id is not found.
    const otherId = await kpiByName(lead, "Buurtpreventieteams actief");
    expect(await refusedWithoutWrites(() => saveTarget(lead, otherId, { targetId: created.id, year: String(YEAR + 5), target: "5" }))).toEqual({ ok: false, error: "notFound" });

    const spare = ok(await saveTarget(lead, id, { year: String(YEAR + 1), target: "78", greenFrom: "75", amberFrom: "70" }));
    ok(await removeTarget(lead, id, spare.id));
    expect(await events(lead, "kpi_target.removed")).toHaveLength(1);
    view = (await loadKpiDefinition(lead, id))!;
    expect(view.targets).toHaveLength(2);
    expect(await events(lead, "kpi_target.created")).toHaveLength(3);
  });

  it("refuses a direction or unit kind the existing targets do not fit, naming the years", async () => {
    const id = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    const name = "Veiligheidsgevoel inwoners";
    const lower = await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { source: `external:${sourceId}`, direction: "lower_is_better" })));
    expect(fieldError(lower)).toEqual({ direction: ["kpiDefinitions.errors.directionConflictsTargets"] });
    expect(lower).toMatchObject({ values: { years: `${YEAR - 1}, ${YEAR}` } });
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { source: `external:${sourceId}`, direction: "neutral" }))))).toEqual({
      direction: ["kpiDefinitions.errors.directionConflictsTargets"],
    });
    expect(fieldError(await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition(name, { source: `external:${sourceId}`, unitKind: "grade" }))))).toEqual({
      unitKind: ["kpiDefinitions.errors.unitKindConflictsTargets"],
    });
    // A unit kind the targets do fit is fine.
    ok(await updateDefinition(lead, id, fullDefinition(name, { source: `external:${sourceId}`, unitKind: "count" })));
    ok(await updateDefinition(lead, id, fullDefinition(name, { source: `external:${sourceId}` })));
  });

  it("refuses a new frequency once the KPI has measurements", async () => {
    const id = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    await db().insert(measurement).values({ id: crypto.randomUUID(), municipalityId: lead.municipalityId, kpiId: id, period: String(YEAR - 1), periodStart: `${YEAR - 1}-01-01`, value: 71, source: "manual", reason: "test" });
    const outcome = await refusedWithoutWrites(() => updateDefinition(lead, id, fullDefinition("Veiligheidsgevoel inwoners", { source: `external:${sourceId}`, frequency: "quarter" })));
    expect(fieldError(outcome)).toEqual({ frequency: ["kpiDefinitions.errors.frequencyHasMeasurements"] });
    expect(outcome).toMatchObject({ values: { count: 1 } });
  });
});

describe("relations", () => {
  it("links and unlinks success factors of the municipality only", async () => {
    const id = await kpiByName(lead, "Buurtpreventieteams actief");
    ok(await linkFactor(lead, id, secondFactorId));
    expect(fieldError(await refusedWithoutWrites(() => linkFactor(lead, id, secondFactorId)))).toEqual({ factorId: ["kpiDefinitions.errors.factorAlreadyLinked"] });
    expect(fieldError(await refusedWithoutWrites(() => linkFactor(lead, id, otherFactorId)))).toEqual({ factorId: ["kpiDefinitions.errors.factorNotFound"] });
    const retired = crypto.randomUUID();
    const [goal] = await db().select({ id: strategicGoal.id }).from(strategicGoal).where(eq(strategicGoal.municipalityId, lead.municipalityId));
    await db().insert(successFactor).values({ id: retired, municipalityId: lead.municipalityId, goalId: goal!.id, title: "Oude factor", position: 9, retiredAt: new Date() });
    expect(fieldError(await refusedWithoutWrites(() => linkFactor(lead, id, retired)))).toEqual({ factorId: ["kpiDefinitions.errors.factorNotFound"] });
    expect((await loadKpiDefinition(lead, id))!.factors.map((f) => f.title)).toEqual(["Buurtpreventie actief in elke wijk", "Snelle opvolging van meldingen"]);
    ok(await unlinkFactor(lead, id, secondFactorId));
    expect(await refusedWithoutWrites(() => unlinkFactor(lead, id, secondFactorId))).toEqual({ ok: false, error: "notFound" });
    expect(await events(lead, "kpi.factor_linked")).toHaveLength(1);
    expect(await events(lead, "kpi.factor_unlinked")).toHaveLength(1);
    const options = await listFactorOptions(lead);
    expect(options.flatMap((a) => a.goals.flatMap((g) => g.factors.map((f) => f.title)))).toEqual(["Buurtpreventie actief in elke wijk", "Snelle opvolging van meldingen"]);
  });

  it("adds influence links between the municipality's KPIs: no self-link, no duplicate, no foreign KPI", async () => {
    const from = await kpiByName(lead, "Buurtpreventieteams actief");
    const to = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    const foreign = await kpiByName(other, "Buurtpreventieteams actief");
    ok(await addInfluence(lead, from, to));
    expect(fieldError(await refusedWithoutWrites(() => addInfluence(lead, from, to)))).toEqual({ otherKpiId: ["kpiDefinitions.errors.influenceExists"] });
    expect(fieldError(await refusedWithoutWrites(() => addInfluence(lead, from, from)))).toEqual({ otherKpiId: ["kpiDefinitions.errors.influenceSelf"] });
    expect(fieldError(await refusedWithoutWrites(() => addInfluence(lead, from, foreign)))).toEqual({ otherKpiId: ["kpiDefinitions.errors.influenceNotFound"] });
    expect(await refusedWithoutWrites(() => addInfluence(other, foreign, from))).toEqual({ ok: false, error: "invalid", fieldErrors: { otherKpiId: ["kpiDefinitions.errors.influenceNotFound"] }, values: undefined });
    // The opposite direction is another link.
    ok(await addInfluence(lead, to, from));
    const view = (await loadKpiDefinition(lead, from))!;
    expect(view.influences.map((k) => k.name)).toEqual(["Veiligheidsgevoel inwoners"]);
    expect(view.influencedBy.map((k) => k.name)).toEqual(["Veiligheidsgevoel inwoners"]);
    ok(await removeInfluence(lead, from, { fromKpiId: to, toKpiId: from }));
    expect((await loadKpiDefinition(lead, from))!.influencedBy).toEqual([]);
    expect(await events(lead, "kpi.influence_added")).toHaveLength(2);
    expect(await events(lead, "kpi.influence_removed")).toHaveLength(1);
  });

  it("draws the tree: area → goal → factor → KPI, unlinked KPIs apart, influence links", async () => {
    const loose = ok(await createKpi(lead, { name: "Losse KPI" }));
    const tree = await loadKpiTree(lead);
    expect(tree.areas.map((a) => a.name)).toEqual(["Veilig Enschede"]);
    const factors = tree.areas[0]!.goals[0]!.factors;
    expect(factors.map((f) => [f.title, f.kpis.map((k) => k.name)])).toEqual([
      ["Buurtpreventie actief in elke wijk", ["Veiligheidsgevoel inwoners", "Buurtpreventieteams actief"]],
      ["Snelle opvolging van meldingen", []],
    ]);
    expect(factors[0]!.kpis.map((k) => k.complete)).toEqual([true, false]);
    expect(tree.unlinked.map((k) => k.id)).toEqual([loose.id]);
    expect(tree.influences).toHaveLength(1);
    ok(await retireKpi(lead, loose.id));
  });
});

describe("retire and restore", () => {
  it("retired KPIs leave lists and counts but keep their data; restoring is refused while the name or entry is taken", async () => {
    const id = await kpiByName(lead, "Veiligheidsgevoel inwoners");
    const countsBefore = await kpiDefinitionCounts(db(), lead.municipalityId);
    ok(await retireKpi(lead, id));
    expect((await listKpis(lead)).some((k) => k.id === id)).toBe(false);
    expect(await kpiDefinitionCounts(db(), lead.municipalityId)).toEqual({ active: countsBefore.active - 1, complete: countsBefore.complete - 1, owned: countsBefore.owned - 1 });
    expect((await listLibrary(lead, { q: "KRS-VEI-01" })).entries[0]!.chosen).toBeNull();
    expect((await loadKpiDefinition(lead, id))!.targets).toHaveLength(2);
    expect(await refusedWithoutWrites(() => saveTarget(lead, id, { year: "2040", target: "80" }))).toEqual({ ok: false, error: "retired" });
    // The entry is chosen again meanwhile: restoring the old one is refused.
    const again = ok(await chooseTemplate(lead, { templateCode: "KRS-VEI-01" }));
    expect(await refusedWithoutWrites(() => restoreKpi(lead, id))).toMatchObject({ ok: false, error: "restoreNameTaken" });
    ok(await updateDefinition(lead, again.id, { name: "Veiligheidsgevoel (nieuw)", unitKind: "percent", decimals: "1" }));
    expect(await refusedWithoutWrites(() => restoreKpi(lead, id))).toMatchObject({ ok: false, error: "restoreTemplateTaken" });
    ok(await retireKpi(lead, again.id));
    ok(await restoreKpi(lead, id));
    expect(await events(lead, "kpi.retired")).toHaveLength(3);
    expect(await events(lead, "kpi.restored")).toHaveLength(1);
  });
});

describe("the phase-2 gate", () => {
  it("is met when every active KPI is fully defined and owned by a current member", async () => {
    const defined = () => kpiGateChecks[KPIS_ALL_DEFINED]!(lead.municipalityId, db());
    const owned = () => kpiGateChecks[KPIS_ALL_OWNED]!(lead.municipalityId, db());
    expect(COMPUTED_CHECKS[KPIS_ALL_DEFINED]).toBe(kpiGateChecks[KPIS_ALL_DEFINED]);
    expect(COMPUTED_CHECKS[KPIS_ALL_OWNED]).toBe(kpiGateChecks[KPIS_ALL_OWNED]);
    // Nothing chosen: not met.
    const fresh = await createMunicipalityWithLead("GM0518", "'s-Gravenhage", "lead@denhaag.test");
    expect(await kpiGateChecks[KPIS_ALL_DEFINED]!(fresh.municipalityId, db())).toBe(false);
    expect(await kpiGateChecks[KPIS_ALL_OWNED]!(fresh.municipalityId, db())).toBe(false);

    expect(await defined()).toBe(false);
    expect(await owned()).toBe(false);
    const teams = await kpiByName(lead, "Buurtpreventieteams actief");
    ok(await updateDefinition(lead, teams, fullDefinition("Buurtpreventieteams actief", { unitKind: "count", unit: "teams", ownerUserId: roles.department_owner.userId })));
    expect(await owned()).toBe(true);
    expect(await defined()).toBe(false);
    ok(await saveTarget(lead, teams, { year: String(YEAR), target: "12", greenFrom: "10", amberFrom: "8" }));
    expect(await kpiDefinitionCounts(db(), lead.municipalityId)).toEqual({ active: 2, complete: 2, owned: 2 });
    expect(await defined()).toBe(true);
    // The owner leaves the municipality: neither owned nor fully defined any more.
    await db().delete(member).where(eq(member.userId, roles.department_owner.userId));
    expect(await owned()).toBe(false);
    expect(await defined()).toBe(false);
    expect((await loadKpiDefinition(lead, teams))!.owner).toMatchObject({ isMember: false });
    expect((await loadKpiDefinition(lead, teams))!.missing).toEqual(["owner"]);
    await db().insert(member).values({ id: crypto.randomUUID(), organizationId: lead.municipalityId, userId: roles.department_owner.userId, role: "department_owner" });
    // Inside a caller's transaction too.
    expect(await db().transaction((tx) => kpiGateChecks[KPIS_ALL_OWNED]!(lead.municipalityId, tx))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Pages: roles and tenant isolation through the route loaders and actions


async function settle<T>(run: () => Promise<T>): Promise<T | Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function statusOf(outcome: unknown): number {
  if (outcome instanceof Response) return outcome.status;
  return (outcome as { init?: { status?: number } | null }).init?.status ?? 200;
}

const url = (m: Member, path: string) => `http://localhost/g/${m.cbsCode}/kpis/${path}`;
const postTo = (m: Member, path: string, form: Record<string, string>) => new Request(url(m, path), { method: "POST", body: new URLSearchParams(form) });

describe("pages", () => {
  it("a member of another municipality gets 404 for a KPI by id, by page and by form", async () => {
    const id = await kpiByName(lead, "Buurtpreventieteams actief");
    const outsider = other;
    // Through the outsider's own municipality URL: the KPI is not theirs.
    expect(statusOf(await settle(() => definitionLoader({ request: new Request(url(outsider, `${id}/definitie`)), context: contextFor(outsider), params: { code: outsider.cbsCode, kpiId: id } })))).toBe(404);
    // Through the owner's URL: not a member.
    expect(statusOf(await settle(() => definitionLoader({ request: new Request(url(lead, `${id}/definitie`)), context: contextFor(outsider), params: { code: lead.cbsCode, kpiId: id } })))).toBe(404);
    const before = await snapshot();
    const attempts = [
      { intent: "updateDefinition", ...fullDefinition("Overgenomen") },
      { intent: "saveTarget", year: "2031", target: "5" },
      { intent: "linkFactor", factorId: otherFactorId },
      { intent: "retire" },
    ];
    for (const form of attempts) {
      const body = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v ?? "")]));
      const outcome = await settle(() => definitionAction({ request: postTo(outsider, `${id}/definitie`, body), context: contextFor(outsider), params: { code: outsider.cbsCode, kpiId: id } }));
      expect(statusOf(outcome)).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
    expect(await loadKpiDefinition(outsider, id)).toBeNull();
  });

  it("staff, trainers and viewers read but may not define (403); department owners may", async () => {
    const id = await kpiByName(lead, "Buurtpreventieteams actief");
    for (const m of [roles.staff, roles.trainer, roles.viewer]) {
      const page = await settle(() => definitionLoader({ request: new Request(url(m, `${id}/definitie`)), context: contextFor(m), params: { code: m.cbsCode, kpiId: id } }));
      expect(statusOf(page)).toBe(200);
      const before = await snapshot();
      expect(statusOf(await settle(() => definitionAction({ request: postTo(m, `${id}/definitie`, { intent: "saveTarget", year: "2032", target: "5" }), context: contextFor(m), params: { code: m.cbsCode, kpiId: id } })))).toBe(403);
      expect(statusOf(await settle(() => newAction({ request: postTo(m, "nieuw", { name: `Van ${m.role}` }), context: contextFor(m), params: { code: m.cbsCode } })))).toBe(403);
      expect(statusOf(await settle(() => libraryAction({ request: postTo(m, "bibliotheek", { templateCode: "KRS-VEI-03" }), context: contextFor(m), params: { code: m.cbsCode } })))).toBe(403);
      expect(await snapshot()).toEqual(before);
      expect(statusOf(await settle(() => libraryLoader({ request: new Request(url(m, "bibliotheek?q=veilig")), context: contextFor(m), params: { code: m.cbsCode } })))).toBe(200);
      expect(statusOf(await settle(() => treeLoader({ request: new Request(url(m, "samenhang")), context: contextFor(m), params: { code: m.cbsCode } })))).toBe(200);
    }
    // A department owner may define but not retire (kpi:manage).
    const owner = roles.department_owner;
    expect(statusOf(await settle(() => definitionAction({ request: postTo(owner, `${id}/definitie`, { intent: "saveTarget", year: "2033", target: "5" }), context: contextFor(owner), params: { code: owner.cbsCode, kpiId: id } })))).toBe(200);
    expect(statusOf(await settle(() => definitionAction({ request: postTo(owner, `${id}/definitie`, { intent: "retire" }), context: contextFor(owner), params: { code: owner.cbsCode, kpiId: id } })))).toBe(403);
  });

  it("choosing through the library page redirects to the definition; a refusal is a field error, never a 500", async () => {
    const chosen = await settle(() => libraryAction({ request: postTo(lead, "bibliotheek", { templateCode: "KRS-VEI-03", factorId }), context: contextFor(lead), params: { code: lead.cbsCode } }));
    expect(chosen).toBeInstanceOf(Response);
    const location = (chosen as Response).headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/g/${lead.cbsCode}/kpis/[^/]+/definitie$`));
    const again = (await settle(() => libraryAction({ request: postTo(lead, "bibliotheek", { templateCode: "KRS-VEI-03" }), context: contextFor(lead), params: { code: lead.cbsCode } }))) as {
      data: { result: { error?: Record<string, string[]> } };
      init: { status: number };
    };
    expect(again.init.status).toBe(409);
    expect(again.data.result.error?.templateCode?.[0]).toContain("Brandweer binnen opkomstnorm");
    const bad = (await settle(() => definitionAction({ request: postTo(lead, `${location.split("/")[4]}/definitie`, { intent: "saveTarget", year: "2030", target: "75", greenFrom: "60", amberFrom: "70" }), context: contextFor(lead), params: { code: lead.cbsCode, kpiId: location.split("/")[4]! } }))) as {
      data: { result: { error?: Record<string, string[]> } };
      init: { status: number };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.result.error?.greenFrom).toEqual(["Bij ‘hoger is beter’ moet de groengrens gelijk aan of hoger zijn dan de oranjegrens."]);
  });

  it("a new KPI is defined through the pages; empty selects and fields mean 'not yet'", async () => {
    const created = await settle(() => newAction({ request: postTo(lead, "nieuw", { name: "Meldingen woonoverlast", factorId: "" }), context: contextFor(lead), params: { code: lead.cbsCode } }));
    expect(created).toBeInstanceOf(Response);
    const id = (created as Response).headers.get("Location")!.split("/")[4]!;
    const form = { intent: "updateDefinition", name: "Meldingen woonoverlast", definition: "", formula: "Aantal meldingen", unit: "", unitKind: "count", direction: "", frequency: "", decimals: "0", ownerUserId: "", dataNeeded: "  ", source: "" };
    const saved = await settle(() => definitionAction({ request: postTo(lead, `${id}/definitie`, form), context: contextFor(lead), params: { code: lead.cbsCode, kpiId: id } }));
    expect(statusOf(saved)).toBe(200);
    const view = (await loadKpiDefinition(lead, id))!;
    expect(view).toMatchObject({ formula: "Aantal meldingen", unitKind: "count", direction: null, frequency: null, decimals: 0, owner: null, dataNeeded: null, source: null });
    expect(view.missing).toEqual(["definition", "unit", "direction", "frequency", "target", "owner", "dataNeeded", "source", "successFactor"]);
    const page = (await settle(() => definitionLoader({ request: new Request(url(lead, `${id}/definitie`)), context: contextFor(lead), params: { code: lead.cbsCode, kpiId: id } }))) as { kpi: { missing: string[] } };
    expect(page.kpi.missing).toHaveLength(9);
    // A target without thresholds (no direction yet) is fine; thresholds need a direction first.
    const withThresholds = (await settle(() => definitionAction({ request: postTo(lead, `${id}/definitie`, { intent: "saveTarget", year: "2030", target: "10", greenFrom: "8", amberFrom: "12" }), context: contextFor(lead), params: { code: lead.cbsCode, kpiId: id } }))) as {
      data: { result: { error?: Record<string, string[]> } };
    };
    expect(withThresholds.data.result.error?.greenFrom).toEqual(["Kies eerst de richting van de KPI (hoger of lager is beter) voordat u grenzen invult."]);
    expect(statusOf(await settle(() => definitionAction({ request: postTo(lead, `${id}/definitie`, { intent: "saveTarget", year: "2030", target: "10", greenFrom: "", amberFrom: "" }), context: contextFor(lead), params: { code: lead.cbsCode, kpiId: id } })))).toBe(200);
    ok(await retireKpi(lead, id));
  });

  it("the demo municipality gets six defined KPIs on its policy map, one without an owner, one influence link", async () => {
    expect(await seedDemo(db(), async () => "not-a-real-hash")).toBe(true);
    const [demo] = await db().select({ id: organization.id }).from(organization).where(eq(organization.cbsCode, DEMO_MUNICIPALITY.cbsCode));
    const tree = await loadKpiTree({ municipalityId: demo!.id });
    const kpis = tree.areas.flatMap((a) => a.goals.flatMap((g) => g.factors.flatMap((f) => f.kpis)));
    expect(kpis).toHaveLength(DEMO_KPIS.length);
    expect(tree.unlinked).toEqual([]);
    expect(tree.influences).toHaveLength(1);
    expect(await kpiDefinitionCounts(db(), demo!.id)).toEqual({ active: 6, complete: 5, owned: 5 });
    const incomplete = kpis.find((k) => !k.complete)!;
    expect((await loadKpiDefinition({ municipalityId: demo!.id }, incomplete.id))!.missing).toEqual(["owner"]);
    expect(kpis.filter((k) => k.templateCode).map((k) => k.templateCode).sort()).toEqual(["KRS-BER-01", "KRS-BER-03", "KRS-BER-04", "KRS-BER-05"]);
    // Every demo KPI has a history (enough for a forecast), inside its unit's range, none in the future.
    const history = await db()
      .select({ kpiId: measurement.kpiId, n: sql<number>`count(*)::int`, last: sql<string>`max(${measurement.periodStart})::text` })
      .from(measurement)
      .where(eq(measurement.municipalityId, demo!.id))
      .groupBy(measurement.kpiId);
    expect(history).toHaveLength(DEMO_KPIS.length);
    for (const h of history) {
      expect(h.n).toBeGreaterThanOrEqual(6);
      expect(h.last <= new Date().toISOString().slice(0, 10)).toBe(true);
    }
    const values = await db().select({ value: measurement.value, kind: kpi.unitKind }).from(measurement).innerJoin(kpi, eq(kpi.id, measurement.kpiId)).where(eq(measurement.municipalityId, demo!.id));
    expect(values.every((v) => inUnitRange(v.kind, v.value))).toBe(true);
  });

  it("keeps an unbroken audit chain", async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
