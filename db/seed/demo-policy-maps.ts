// Demo content for the focus areas of the demo municipality: three areas chosen ("denk groot, begin
// klein") and a first policy map for one of them, so the demo shows a goal tree. Each change is
// audited as the seed's, like the rest of the demo.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { focusArea, strategicGoal, successFactor } from "../schema/index";
import { recordAudit, type AuditActor } from "../../app/modules/audit/audit.server";

export const DEMO_CHOSEN_AREAS = ["bereikbaar", "leefbaar", "dienstverlenend"] as const;

export const DEMO_POLICY_MAP = {
  areaKey: "bereikbaar",
  goals: [
    {
      title: "Zeewolde is goed en veilig bereikbaar",
      description: "Inwoners en bedrijven komen vlot en veilig van en naar het dorp, de bedrijventerreinen en de regio.",
      budgetProgrammeCode: "P2",
      budgetProgrammeName: "Verkeer en bereikbaarheid",
      factors: [
        "Veilige fietsroutes naar scholen en centrum",
        "Goede busverbinding met Harderwijk en Almere",
        "Wegen en fietspaden goed onderhouden",
      ],
    },
    {
      title: "Minder verkeersslachtoffers",
      description: null,
      budgetProgrammeCode: null,
      budgetProgrammeName: null,
      factors: ["Lagere snelheid in woonwijken", "Verkeerseducatie op alle basisscholen"],
    },
  ],
} as const;

export async function seedDemoPolicyMaps(tx: DbOrTx, municipalityId: string, actor: AuditActor): Promise<void> {
  const areas = await tx
    .select({ id: focusArea.id, key: focusArea.key, name: focusArea.name })
    .from(focusArea)
    .where(and(eq(focusArea.municipalityId, municipalityId), inArray(focusArea.key, [...DEMO_CHOSEN_AREAS])));
  for (const area of areas) {
    await tx.update(focusArea).set({ chosen: true }).where(eq(focusArea.id, area.id));
    await recordAudit(tx, { municipalityId, actor, action: "focus_area.chosen", objectType: "focus_area", objectId: area.id, details: { name: area.name } });
  }
  const area = areas.find((a) => a.key === DEMO_POLICY_MAP.areaKey);
  if (!area) return;
  for (const [goalPosition, goal] of DEMO_POLICY_MAP.goals.entries()) {
    const goalId = crypto.randomUUID();
    const values = {
      title: goal.title,
      description: goal.description,
      budgetProgrammeCode: goal.budgetProgrammeCode,
      budgetProgrammeName: goal.budgetProgrammeName,
    };
    await tx.insert(strategicGoal).values({ id: goalId, municipalityId, focusAreaId: area.id, position: goalPosition, ...values });
    await recordAudit(tx, {
      municipalityId,
      actor,
      action: "strategic_goal.created",
      objectType: "strategic_goal",
      objectId: goalId,
      // The audit log drops keys that look like secrets ("…code…"): the code goes as budgetProgramme.
      details: { focusAreaId: area.id, focusArea: area.name, after: { title: values.title, description: values.description, budgetProgramme: values.budgetProgrammeCode, budgetProgrammeName: values.budgetProgrammeName } },
    });
    for (const [position, title] of goal.factors.entries()) {
      const factorId = crypto.randomUUID();
      await tx.insert(successFactor).values({ id: factorId, municipalityId, goalId, title, position });
      await recordAudit(tx, {
        municipalityId,
        actor,
        action: "success_factor.created",
        objectType: "success_factor",
        objectId: factorId,
        details: { focusArea: area.name, goalId, goal: goal.title, after: { title, description: null } },
      });
    }
  }
}
