// Focus areas and policy maps: the frame seeded per municipality (idempotent), choosing, own
// areas, the naming rules (refusals write nothing), goals and success factors (create, edit,
// reorder, retire, restore), the audit trail, and tenant isolation by id.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { ensureFocusAreas, ensureFocusAreasForAll, FOCUS_AREA_FRAME } from "../../app/modules/strategy/focus-area-frame";
import {
  createFocusArea,
  getFocusArea,
  listFocusAreas,
  restoreFocusArea,
  retireFocusArea,
  setFocusAreaChosen,
  updateFocusArea,
} from "../../app/modules/strategy/focus-areas.server";
import { strategyGateChecks, POLICY_MAPS_COMPLETE } from "../../app/modules/strategy/gate-checks.server";
import type { DbOrTx } from "../../db/client";
import {
  createFactor,
  createGoal,
  getPolicyMap,
  moveFactor,
  moveGoal,
  restoreFactor,
  restoreGoal,
  retireFactor,
  retireGoal,
  updateFactor,
  updateGoal,
} from "../../app/modules/strategy/policy-map.server";
import { auditEvent, focusArea, organization, strategicGoal, successFactor } from "../../db/schema/index";
import reference from "../../db/seed/reference/focus-areas.json" with { type: "json" };
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";

const policyMapsComplete = (municipalityId: string, database: DbOrTx) => strategyGateChecks[POLICY_MAPS_COMPLETE]!(municipalityId, database);

useTestDatabase();

let amsterdam: Member;
let utrecht: Member;

async function count(table: typeof focusArea | typeof strategicGoal | typeof successFactor | typeof auditEvent): Promise<number> {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

/** Row counts of everything a refused command must leave alone. */
async function snapshot() {
  return { areas: await count(focusArea), goals: await count(strategicGoal), factors: await count(successFactor), audit: await count(auditEvent) };
}

async function latestEvent(municipalityId: string) {
  const { events } = await listAuditEvents(db(), municipalityId, { limit: 1 });
  return events[0]!;
}

async function areaByKey(member: Member, key: string) {
  const area = (await listFocusAreas(member, { includeRetired: true })).find((a) => a.key === key);
  if (!area) throw new Error(`no area ${key}`);
  return area;
}

function ok<T extends { ok: boolean }>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
}

beforeAll(async () => {
  amsterdam = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
  utrecht = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
});

describe("the focus area frame", () => {
  it("gives every new municipality its own copy of the eleven areas, in the frame's order", async () => {
    expect(FOCUS_AREA_FRAME).toHaveLength(11);
    const areas = await listFocusAreas(amsterdam);
    expect(areas.map((a) => a.key)).toEqual(reference.focus_areas.map((a) => a.key));
    expect(areas.map((a) => a.name)).toEqual(reference.focus_areas.map((a) => a.name_nl));
    expect(areas.map((a) => a.description)).toEqual(reference.focus_areas.map((a) => a.description_nl));
    expect(areas.find((a) => a.key === "zorgzaam")!.iv3).toEqual(["6.1", "6.2", "6.6", "6.7", "6.8"]);
    expect(areas.every((a) => !a.chosen && a.goalCount === 0 && a.factorCount === 0)).toBe(true);

    const other = await listFocusAreas(utrecht);
    expect(other).toHaveLength(11);
    const ids = new Set(areas.map((a) => a.id));
    expect(other.some((a) => ids.has(a.id))).toBe(false);
  });

  it("is idempotent and never touches renamed or retired areas", async () => {
    const den = await createMunicipalityWithLead("GM0518", "'s-Gravenhage", "lead@denhaag.test");
    const veilig = await areaByKey(den, "veilig");
    const lerend = await areaByKey(den, "lerend");
    ok(await updateFocusArea(den, veilig.id, { name: "Veilig Den Haag", description: "Onze eigen omschrijving" }));
    ok(await retireFocusArea(den, lerend.id));

    const before = await snapshot();
    expect(await db().transaction((tx) => ensureFocusAreas(tx, den.municipalityId))).toBe(0);
    await ensureFocusAreasForAll(db());
    expect(await snapshot()).toEqual(before);

    const renamed = (await getFocusArea(den, veilig.id))!;
    expect(renamed).toMatchObject({ key: "veilig", name: "Veilig Den Haag", description: "Onze eigen omschrijving" });
    expect((await getFocusArea(den, lerend.id))!.retiredAt).not.toBeNull();
    expect(await listFocusAreas(den, { includeRetired: true })).toHaveLength(11);

    // An area the municipality lacks (e.g. one added to the frame later) is filled in, once.
    await db().delete(focusArea).where(and(eq(focusArea.municipalityId, den.municipalityId), eq(focusArea.key, "bestuur")));
    expect(await db().transaction((tx) => ensureFocusAreas(tx, den.municipalityId))).toBe(1);
    expect(await db().transaction((tx) => ensureFocusAreas(tx, den.municipalityId))).toBe(0);
    expect((await areaByKey(den, "bestuur")).name).toBe("Bestuur en bedrijfsvoering");
  });

  it("fills in municipalities created before focus areas existed (setup step)", async () => {
    const id = crypto.randomUUID();
    await db().insert(organization).values({ id, name: "Oude gemeente", slug: "gm9999", cbsCode: "GM9999" });
    const rows = () => db().select({ key: focusArea.key }).from(focusArea).where(eq(focusArea.municipalityId, id));
    expect(await rows()).toHaveLength(0);
    await ensureFocusAreasForAll(db());
    expect((await rows()).map((r) => r.key).sort()).toEqual(reference.focus_areas.map((a) => a.key).sort());
  });
});

describe("focus areas", () => {
  it("chooses and unchooses an area, audited, and writes nothing when nothing changes", async () => {
    const area = await areaByKey(amsterdam, "bereikbaar");
    expect(ok(await setFocusAreaChosen(amsterdam, area.id, true))).toMatchObject({ changed: true, name: "De bereikbare gemeente" });
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "focus_area.chosen",
      objectType: "focus_area",
      objectId: area.id,
      actorUserId: amsterdam.userId,
      details: { name: "De bereikbare gemeente" },
    });
    const before = await count(auditEvent);
    expect(ok(await setFocusAreaChosen(amsterdam, area.id, true)).changed).toBe(false);
    expect(await count(auditEvent)).toBe(before);
    expect((await getFocusArea(amsterdam, area.id))!.chosen).toBe(true);

    ok(await setFocusAreaChosen(amsterdam, area.id, false));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "focus_area.unchosen", objectId: area.id });
    expect((await getFocusArea(amsterdam, area.id))!.chosen).toBe(false);
  });

  it("adds an own area after the frame, without a key", async () => {
    const created = ok(await createFocusArea(amsterdam, { name: "  De digitale gemeente ", description: " Online dienstverlening en data. " }));
    const area = (await getFocusArea(amsterdam, created.areaId))!;
    expect(area).toMatchObject({ key: null, name: "De digitale gemeente", description: "Online dienstverlening en data.", iv3: [], chosen: false });
    const list = await listFocusAreas(amsterdam);
    expect(list.at(-1)!.id).toBe(created.areaId);
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "focus_area.created",
      objectId: created.areaId,
      details: { after: { name: "De digitale gemeente", description: "Online dienstverlening en data." } },
    });
    // Without a description.
    const plain = ok(await createFocusArea(amsterdam, { name: "Wijkgericht werken", description: "   " }));
    expect((await getFocusArea(amsterdam, plain.areaId))!.description).toBeNull();
  });

  it("refuses empty and duplicate names (ignoring case) and writes nothing", async () => {
    const before = await snapshot();
    expect(await createFocusArea(amsterdam, { name: "   " })).toEqual({ ok: false, error: "invalid", fieldErrors: { name: ["policyMaps.errors.areaNameRequired"] } });
    expect(await createFocusArea(amsterdam, { name: "x".repeat(121) })).toEqual({ ok: false, error: "invalid", fieldErrors: { name: ["policyMaps.errors.areaNameTooLong"] } });
    expect(await createFocusArea(amsterdam, { name: "de veilige GEMEENTE" })).toEqual({ ok: false, error: "nameTaken", name: "de veilige GEMEENTE" });
    const lerend = await areaByKey(amsterdam, "lerend");
    expect(await updateFocusArea(amsterdam, lerend.id, { name: "De Veilige Gemeente" })).toEqual({ ok: false, error: "nameTaken", name: "De Veilige Gemeente" });
    expect(await updateFocusArea(amsterdam, lerend.id, { name: "" })).toMatchObject({ ok: false, error: "invalid", fieldErrors: { name: ["policyMaps.errors.areaNameRequired"] } });
    expect(await snapshot()).toEqual(before);
    expect((await getFocusArea(amsterdam, lerend.id))!.name).toBe("De lerende gemeente");

    // Another municipality may use the same names.
    ok(await createFocusArea(utrecht, { name: "De digitale gemeente" }));
  });

  it("renames a frame area (its key stays), retires and restores it", async () => {
    const area = await areaByKey(amsterdam, "actief");
    ok(await setFocusAreaChosen(amsterdam, area.id, true));
    ok(await updateFocusArea(amsterdam, area.id, { name: "Sport en cultuur", description: "Sport, cultuur en groen." }));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "focus_area.updated",
      details: { key: "actief", before: { name: "De actieve gemeente" }, after: { name: "Sport en cultuur", description: "Sport, cultuur en groen." } },
    });
    expect((await getFocusArea(amsterdam, area.id))!.key).toBe("actief");

    ok(await retireFocusArea(amsterdam, area.id));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "focus_area.retired", objectId: area.id, details: { wasChosen: true } });
    expect((await listFocusAreas(amsterdam)).some((a) => a.id === area.id)).toBe(false);
    const retired = (await listFocusAreas(amsterdam, { includeRetired: true })).find((a) => a.id === area.id)!;
    expect(retired.retiredAt).not.toBeNull();
    expect(retired.chosen).toBe(false);
    // A retired area cannot be chosen or edited.
    expect(await setFocusAreaChosen(amsterdam, area.id, true)).toEqual({ ok: false, error: "retired" });
    expect(await updateFocusArea(amsterdam, area.id, { name: "Iets anders" })).toEqual({ ok: false, error: "retired" });

    // Its name is free while it is retired; restoring it then is refused.
    const taker = ok(await createFocusArea(amsterdam, { name: "SPORT EN CULTUUR" }));
    const before = await snapshot();
    expect(await restoreFocusArea(amsterdam, area.id)).toEqual({ ok: false, error: "nameTaken", name: "Sport en cultuur" });
    expect(await snapshot()).toEqual(before);
    ok(await retireFocusArea(amsterdam, taker.areaId));
    ok(await restoreFocusArea(amsterdam, area.id));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "focus_area.restored", objectId: area.id });
    expect(await getFocusArea(amsterdam, area.id)).toMatchObject({ retiredAt: null, chosen: false, name: "Sport en cultuur" });
  });
});

describe("policy maps", () => {
  let areaId: string;

  beforeAll(async () => {
    areaId = (await areaByKey(amsterdam, "welvarend")).id;
  });

  it("is built only on a chosen, current area", async () => {
    const before = await snapshot();
    expect(await createGoal(amsterdam, areaId, { title: "Meer banen" })).toEqual({ ok: false, error: "areaNotChosen" });
    expect(await snapshot()).toEqual(before);
    ok(await setFocusAreaChosen(amsterdam, areaId, true));
  });

  it("adds, edits, reorders, retires and restores goals, each audited", async () => {
    const first = ok(
      await createGoal(amsterdam, areaId, { title: " Meer banen in de regio ", description: "Werkgelegenheid groeit.", budgetProgrammeCode: " P3 ", budgetProgrammeName: "Economie" }),
    );
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "strategic_goal.created",
      objectType: "strategic_goal",
      objectId: first.id,
      details: { focusAreaId: areaId, after: { title: "Meer banen in de regio", description: "Werkgelegenheid groeit.", budgetProgramme: "P3", budgetProgrammeName: "Economie" } },
    });
    const second = ok(await createGoal(amsterdam, areaId, { title: "Een aantrekkelijk centrum", budgetProgrammeCode: "", budgetProgrammeName: "  " }));
    const third = ok(await createGoal(amsterdam, areaId, { title: "Ruimte voor bedrijven", budgetProgrammeName: "Ruimtelijke ontwikkeling" }));

    let map = (await getPolicyMap(amsterdam, areaId))!;
    expect(map.area.id).toBe(areaId);
    expect(map.goals.map((g) => g.title)).toEqual(["Meer banen in de regio", "Een aantrekkelijk centrum", "Ruimte voor bedrijven"]);
    expect(map.goals[1]).toMatchObject({ description: null, budgetProgrammeCode: null, budgetProgrammeName: null });
    expect(map.goals[2]).toMatchObject({ budgetProgrammeCode: null, budgetProgrammeName: "Ruimtelijke ontwikkeling" });

    // Edit: before and after in the audit; an unchanged save writes nothing.
    ok(await updateGoal(amsterdam, second.id, { title: "Een levendig centrum", budgetProgrammeCode: "P4" }));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "strategic_goal.updated",
      objectId: second.id,
      details: { before: { title: "Een aantrekkelijk centrum", budgetProgramme: null }, after: { title: "Een levendig centrum", budgetProgramme: "P4" } },
    });
    const audits = await count(auditEvent);
    expect(ok(await updateGoal(amsterdam, second.id, { title: "Een levendig centrum", budgetProgrammeCode: "P4" })).changed).toBe(false);
    expect(await count(auditEvent)).toBe(audits);

    // Reorder: down, up; at the ends nothing changes.
    ok(await moveGoal(amsterdam, first.id, "down"));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "strategic_goal.moved", objectId: first.id, details: { direction: "down", swappedWith: "Een levendig centrum" } });
    map = (await getPolicyMap(amsterdam, areaId))!;
    expect(map.goals.map((g) => g.id)).toEqual([second.id, first.id, third.id]);
    ok(await moveGoal(amsterdam, third.id, "up"));
    expect((await getPolicyMap(amsterdam, areaId))!.goals.map((g) => g.id)).toEqual([second.id, third.id, first.id]);
    const beforeEdges = await snapshot();
    expect(ok(await moveGoal(amsterdam, second.id, "up")).changed).toBe(false);
    expect(ok(await moveGoal(amsterdam, first.id, "down")).changed).toBe(false);
    expect(await snapshot()).toEqual(beforeEdges);

    // Retire: gone from the map and the counts; moves skip it; restore brings it back in place.
    ok(await retireGoal(amsterdam, third.id));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "strategic_goal.retired", objectId: third.id });
    map = (await getPolicyMap(amsterdam, areaId))!;
    expect(map.goals.map((g) => g.id)).toEqual([second.id, first.id]);
    expect((await getPolicyMap(amsterdam, areaId, { includeRetired: true }))!.goals.map((g) => g.id)).toEqual([second.id, third.id, first.id]);
    expect((await listFocusAreas(amsterdam)).find((a) => a.id === areaId)!.goalCount).toBe(2);
    ok(await moveGoal(amsterdam, first.id, "up"));
    expect((await getPolicyMap(amsterdam, areaId))!.goals.map((g) => g.id)).toEqual([first.id, second.id]);
    expect(await updateGoal(amsterdam, third.id, { title: "Iets" })).toEqual({ ok: false, error: "retired" });
    expect(await moveGoal(amsterdam, third.id, "up")).toEqual({ ok: false, error: "retired" });
    ok(await restoreGoal(amsterdam, third.id));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "strategic_goal.restored", objectId: third.id });
    expect((await getPolicyMap(amsterdam, areaId))!.goals.map((g) => g.title)).toContain("Ruimte voor bedrijven");
  });

  it("refuses empty and duplicate goal titles (ignoring case) and writes nothing", async () => {
    const map = (await getPolicyMap(amsterdam, areaId))!;
    const [a, b] = map.goals;
    const before = await snapshot();
    expect(await createGoal(amsterdam, areaId, { title: "  " })).toEqual({ ok: false, error: "invalid", fieldErrors: { title: ["policyMaps.errors.goalTitleRequired"] } });
    expect(await createGoal(amsterdam, areaId, { title: a!.title.toUpperCase() })).toEqual({ ok: false, error: "titleTaken", title: a!.title.toUpperCase() });
    expect(await updateGoal(amsterdam, b!.id, { title: a!.title.toLowerCase() })).toEqual({ ok: false, error: "titleTaken", title: a!.title.toLowerCase() });
    expect(await createGoal(amsterdam, areaId, { title: "Goed", budgetProgrammeCode: "x".repeat(21) })).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { budgetProgrammeCode: ["policyMaps.errors.budgetCodeTooLong"] },
    });
    expect(await snapshot()).toEqual(before);
    expect((await getPolicyMap(amsterdam, areaId))!.goals.find((g) => g.id === b!.id)!.title).toBe(b!.title);

    // The same title in another area is fine; a retired goal's title is free, and restoring it is then refused.
    const other = (await areaByKey(amsterdam, "bereikbaar")).id;
    ok(await setFocusAreaChosen(amsterdam, other, true));
    ok(await createGoal(amsterdam, other, { title: a!.title }));
    ok(await retireGoal(amsterdam, b!.id));
    const taker = ok(await createGoal(amsterdam, areaId, { title: b!.title }));
    const beforeRestore = await snapshot();
    expect(await restoreGoal(amsterdam, b!.id)).toEqual({ ok: false, error: "titleTaken", title: b!.title });
    expect(await snapshot()).toEqual(beforeRestore);
    ok(await retireGoal(amsterdam, taker.id));
    ok(await restoreGoal(amsterdam, b!.id));
  });

  it("lets concurrent adds of one title through only once", async () => {
    const outcomes = await Promise.all([createGoal(amsterdam, areaId, { title: "Innovatieve bedrijven" }), createGoal(amsterdam, areaId, { title: "innovatieve Bedrijven" })]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ ok: false, error: "titleTaken" });
    const rows = await db().select().from(strategicGoal).where(and(eq(strategicGoal.focusAreaId, areaId), sql`lower(${strategicGoal.title}) = 'innovatieve bedrijven'`));
    expect(rows).toHaveLength(1);
  });

  it("adds, edits, reorders, retires and restores success factors", async () => {
    const goal = (await getPolicyMap(amsterdam, areaId))!.goals[0]!;
    const a = ok(await createFactor(amsterdam, goal.id, { title: "Goed ondernemersklimaat", description: "Snelle vergunningen." }));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "success_factor.created",
      objectType: "success_factor",
      objectId: a.id,
      details: { goalId: goal.id, goal: goal.title, after: { title: "Goed ondernemersklimaat", description: "Snelle vergunningen." } },
    });
    const b = ok(await createFactor(amsterdam, goal.id, { title: "Aansluiting onderwijs en arbeidsmarkt" }));
    const c = ok(await createFactor(amsterdam, goal.id, { title: "Beschikbare bedrijfskavels" }));
    const factorsOf = async () => (await getPolicyMap(amsterdam, areaId))!.goals.find((g) => g.id === goal.id)!.factors.map((f) => f.id);
    expect(await factorsOf()).toEqual([a.id, b.id, c.id]);

    // Rules: required, unique within the goal ignoring case; nothing written on refusal.
    const before = await snapshot();
    expect(await createFactor(amsterdam, goal.id, { title: "" })).toEqual({ ok: false, error: "invalid", fieldErrors: { title: ["policyMaps.errors.factorTitleRequired"] } });
    expect(await createFactor(amsterdam, goal.id, { title: "goed ONDERNEMERSKLIMAAT" })).toEqual({ ok: false, error: "titleTaken", title: "goed ONDERNEMERSKLIMAAT" });
    expect(await updateFactor(amsterdam, b.id, { title: "Beschikbare Bedrijfskavels" })).toEqual({ ok: false, error: "titleTaken", title: "Beschikbare Bedrijfskavels" });
    expect(await snapshot()).toEqual(before);

    ok(await updateFactor(amsterdam, b.id, { title: "Onderwijs sluit aan op de arbeidsmarkt", description: "Stages en leerbanen." }));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({
      action: "success_factor.updated",
      details: { before: { title: "Aansluiting onderwijs en arbeidsmarkt", description: null }, after: { title: "Onderwijs sluit aan op de arbeidsmarkt", description: "Stages en leerbanen." } },
    });

    ok(await moveFactor(amsterdam, c.id, "up"));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "success_factor.moved", objectId: c.id, details: { direction: "up" } });
    expect(await factorsOf()).toEqual([a.id, c.id, b.id]);
    ok(await moveFactor(amsterdam, a.id, "down"));
    expect(await factorsOf()).toEqual([c.id, a.id, b.id]);
    expect(ok(await moveFactor(amsterdam, c.id, "up")).changed).toBe(false);

    ok(await retireFactor(amsterdam, a.id));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "success_factor.retired", objectId: a.id });
    expect(await factorsOf()).toEqual([c.id, b.id]);
    expect((await listFocusAreas(amsterdam)).find((x) => x.id === areaId)!.factorCount).toBe(2);
    ok(await restoreFactor(amsterdam, a.id));
    expect(await latestEvent(amsterdam.municipalityId)).toMatchObject({ action: "success_factor.restored", objectId: a.id });
    expect(await factorsOf()).toEqual([c.id, a.id, b.id]);

    // A retired goal takes its factors off the map and freezes them.
    ok(await retireGoal(amsterdam, goal.id));
    const map = (await getPolicyMap(amsterdam, areaId))!;
    expect(map.goals.some((g) => g.id === goal.id)).toBe(false);
    expect((await listFocusAreas(amsterdam)).find((x) => x.id === areaId)!.factorCount).toBe(0);
    expect(await createFactor(amsterdam, goal.id, { title: "Nog een" })).toEqual({ ok: false, error: "goalRetired" });
    expect(await updateFactor(amsterdam, a.id, { title: "Anders" })).toEqual({ ok: false, error: "goalRetired" });
    ok(await restoreGoal(amsterdam, goal.id));
    expect(await factorsOf()).toEqual([c.id, a.id, b.id]);
  });

  it("keeps a retired or unchosen area's map read-only", async () => {
    const goal = (await getPolicyMap(amsterdam, areaId))!.goals[0]!;
    const factor = goal.factors[0]!;
    ok(await setFocusAreaChosen(amsterdam, areaId, false));
    const before = await snapshot();
    expect(await updateGoal(amsterdam, goal.id, { title: "Anders" })).toEqual({ ok: false, error: "areaNotChosen" });
    expect(await retireFactor(amsterdam, factor.id)).toEqual({ ok: false, error: "areaNotChosen" });
    expect(await snapshot()).toEqual(before);
    ok(await retireFocusArea(amsterdam, areaId));
    expect(await createFactor(amsterdam, goal.id, { title: "Nieuw" })).toEqual({ ok: false, error: "areaRetired" });
    // The map stays readable for the record.
    expect((await getPolicyMap(amsterdam, areaId))!.goals.length).toBeGreaterThan(0);
    ok(await restoreFocusArea(amsterdam, areaId));
    ok(await setFocusAreaChosen(amsterdam, areaId, true));
  });

  it("writes an unbroken audit chain", async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});

describe("tenant isolation", () => {
  it("gives another municipality nothing to read or change by id", async () => {
    const area = await areaByKey(amsterdam, "welvarend");
    const map = (await getPolicyMap(amsterdam, area.id))!;
    const goal = map.goals[0]!;
    const factor = goal.factors[0]!;
    const before = await snapshot();
    const amsterdamBefore = JSON.stringify(await getPolicyMap(amsterdam, area.id, { includeRetired: true }));

    expect(await getFocusArea(utrecht, area.id)).toBeUndefined();
    expect(await getPolicyMap(utrecht, area.id)).toBeNull();
    expect((await listFocusAreas(utrecht, { includeRetired: true })).some((a) => a.id === area.id)).toBe(false);

    expect(await setFocusAreaChosen(utrecht, area.id, false)).toEqual({ ok: false, error: "notFound" });
    expect(await updateFocusArea(utrecht, area.id, { name: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await retireFocusArea(utrecht, area.id)).toEqual({ ok: false, error: "notFound" });
    expect(await restoreFocusArea(utrecht, area.id)).toEqual({ ok: false, error: "notFound" });

    expect(await createGoal(utrecht, area.id, { title: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await updateGoal(utrecht, goal.id, { title: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await moveGoal(utrecht, goal.id, "down")).toEqual({ ok: false, error: "notFound" });
    expect(await retireGoal(utrecht, goal.id)).toEqual({ ok: false, error: "notFound" });
    expect(await restoreGoal(utrecht, goal.id)).toEqual({ ok: false, error: "notFound" });

    expect(await createFactor(utrecht, goal.id, { title: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await updateFactor(utrecht, factor.id, { title: "Gekaapt" })).toEqual({ ok: false, error: "notFound" });
    expect(await moveFactor(utrecht, factor.id, "down")).toEqual({ ok: false, error: "notFound" });
    expect(await retireFactor(utrecht, factor.id)).toEqual({ ok: false, error: "notFound" });
    expect(await restoreFactor(utrecht, factor.id)).toEqual({ ok: false, error: "notFound" });

    expect(await snapshot()).toEqual(before);
    expect(JSON.stringify(await getPolicyMap(amsterdam, area.id, { includeRetired: true }))).toBe(amsterdamBefore);
  });
});

describe("the phase 1 gate check", () => {
  it("needs a chosen area, and goals with success factors on every chosen area", async () => {
    const gouda = await createMunicipalityWithLead("GM0513", "Gouda", "lead@gouda.test");
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(false);
    const area = await areaByKey(gouda, "veilig");
    ok(await setFocusAreaChosen(gouda, area.id, true));
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(false);
    const goal = ok(await createGoal(gouda, area.id, { title: "Minder woninginbraken" }));
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(false);
    const factor = ok(await createFactor(gouda, goal.id, { title: "Buurtpreventie in elke wijk" }));
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(true);
    ok(await retireFactor(gouda, factor.id));
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(false);
    ok(await restoreFactor(gouda, factor.id));
    const second = await areaByKey(gouda, "duurzaam");
    ok(await setFocusAreaChosen(gouda, second.id, true));
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(false);
    ok(await setFocusAreaChosen(gouda, second.id, false));
    expect(await policyMapsComplete(gouda.municipalityId, db())).toBe(true);
  });
});
