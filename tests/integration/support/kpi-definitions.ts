// Real KPI rows for tests that need phase 2's computed gate criteria met: one KPI chosen, fully
// defined (owner, source, target with thresholds for this year, a success factor) through the
// KPI commands, as a user would.
import { eq } from "drizzle-orm";
import { db } from "../../../app/db.server";
import type { Member } from "../../../app/modules/auth/guards.server";
import { amsterdamYear, kpiGateChecks, KPIS_ALL_DEFINED, KPIS_ALL_OWNED } from "../../../app/modules/kpis/gate-checks.server";
import { createKpi, updateDefinition } from "../../../app/modules/kpis/kpis.server";
import { listFactorOptions } from "../../../app/modules/kpis/relations.server";
import { saveTarget } from "../../../app/modules/kpis/targets.server";
import { department } from "../../../db/schema/index";
import { addFocusArea } from "./strategy";

/** Makes both KPI criteria of phase 2 met with one fully defined KPI (only when not met yet). */
export async function meetKpiCriteria(m: Member): Promise<void> {
  const met = async () => (await kpiGateChecks[KPIS_ALL_DEFINED]!(m.municipalityId, db())) && (await kpiGateChecks[KPIS_ALL_OWNED]!(m.municipalityId, db()));
  if (await met()) return;
  let factorId = (await listFactorOptions(m))[0]?.goals[0]?.factors[0]?.id;
  factorId ??= (await addFocusArea(m)).factorId!;
  let [dept] = await db().select({ id: department.id }).from(department).where(eq(department.municipalityId, m.municipalityId));
  if (!dept) {
    dept = { id: crypto.randomUUID() };
    await db().insert(department).values({ id: dept.id, municipalityId: m.municipalityId, name: `Afdeling ${dept.id.slice(0, 8)}` });
  }
  const name = `Test-KPI ${crypto.randomUUID().slice(0, 8)}`;
  const created = await createKpi(m, { name, factorId });
  if (!created.ok) throw new Error(`createKpi: ${JSON.stringify(created)}`);
  const defined = await updateDefinition(m, created.id, {
    name,
    definition: "Wat de KPI zegt.",
    formula: "Teller / noemer × 100",
    unit: "%",
    unitKind: "percent",
    direction: "higher_is_better",
    frequency: "year",
    decimals: "1",
    ownerUserId: m.userId,
    dataNeeded: "Tellingen uit de registratie",
    source: `department:${dept.id}`,
  });
  if (!defined.ok) throw new Error(`updateDefinition: ${JSON.stringify(defined)}`);
  const target = await saveTarget(m, created.id, { year: String(amsterdamYear()), target: "80", greenFrom: "75", amberFrom: "60" });
  if (!target.ok) throw new Error(`saveTarget: ${JSON.stringify(target)}`);
  if (!(await met())) throw new Error("KPI criteria still not met");
}
