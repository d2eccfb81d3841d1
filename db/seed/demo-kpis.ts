// Demo KPIs of the demo municipality (phase 2): six KPIs on the demo policy map ("De bereikbare
// gemeente"), four chosen from the library and two defined by the municipality, each linked to a
// success factor, with owner, source and targets for last year and this year; one influence link;
// and one deliberately left without an owner, so the demo shows the "Definitie onvolledig" notice.
// Each change is audited as the seed's, like the rest of the demo. The lead's demo measurements
// can find these KPIs by DEMO_KPIS[].name (or by the ids `seedDemoKpis` returns).
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { department, externalSource, kpi, kpiInfluence, kpiSuccessFactor, kpiTarget, kpiTemplate, successFactor } from "../schema/index";
import type { KpiDirection, KpiFrequency, UnitKind } from "../schema/kpis";
import { recordAudit, type AuditActor } from "../../app/modules/audit/audit.server";
import { amsterdamYear } from "../../app/modules/kpis/gate-checks.server";
import { fitsTarget } from "../../app/modules/kpis/target-rules";

interface DemoKpi {
  /** Library code, or null for a KPI the municipality defined itself. */
  template: string | null;
  /** Own KPIs only (a library KPI takes the template's). */
  own?: { name: string; unit: string; unitKind: UnitKind; direction: KpiDirection; frequency: KpiFrequency };
  factor: string;
  definition: string;
  formula: string;
  dataNeeded: string;
  source: { department: string } | { external: string };
  owner: "programme_lead" | "department_owner" | null;
  decimals: number;
  /** Last year's and this year's target with green and amber thresholds. */
  targets: [number, number, number][];
}

export const DEMO_KPIS: DemoKpi[] = [
  {
    template: "KRS-BER-01",
    factor: "Lagere snelheid in woonwijken",
    definition: "Het aantal verkeersslachtoffers (ernstig gewonden en doden) op wegen in de gemeente per jaar.",
    formula: "Aantal ernstig gewonden + aantal doden in het kalenderjaar",
    dataNeeded: "Ongevallenregistratie (BRON) van de politie, per kalenderjaar",
    source: { external: "Politie" },
    owner: "programme_lead",
    decimals: 0,
    targets: [
      [6, 6, 9],
      [5, 5, 8],
    ],
  },
  {
    template: "KRS-BER-03",
    factor: "Wegen en fietspaden goed onderhouden",
    definition: "Het gemiddelde rapportcijfer dat inwoners geven voor het onderhoud van wegen en fietspaden.",
    formula: "Gemiddelde van de rapportcijfers in de jaarlijkse peiling van het inwonerspanel",
    dataNeeded: "Antwoorden van het inwonerspanel op de vraag over onderhoud van wegen en fietspaden",
    source: { department: "Openbare ruimte" },
    owner: "department_owner",
    decimals: 1,
    targets: [
      [6.8, 6.8, 6.2],
      [7, 7, 6.4],
    ],
  },
  {
    template: "KRS-BER-05",
    factor: "Wegen en fietspaden goed onderhouden",
    definition: "Het deel van de meldingen over de openbare ruimte dat binnen de afgesproken termijn is opgelost.",
    formula: "Meldingen opgelost binnen termijn / alle afgehandelde meldingen × 100",
    dataNeeded: "Meldingen openbare ruimte uit het zaaksysteem, met datum van melding en van oplossing",
    source: { department: "Openbare ruimte" },
    owner: "department_owner",
    decimals: 1,
    targets: [
      [85, 85, 75],
      [90, 88, 78],
    ],
  },
  {
    template: "KRS-BER-04",
    factor: "Veilige fietsroutes naar scholen en centrum",
    definition: "Het deel van de woon-werkverplaatsingen van inwoners dat per fiets gaat.",
    formula: "Woon-werkverplaatsingen per fiets / alle woon-werkverplaatsingen × 100",
    dataNeeded: "Onderzoek Onderweg in Nederland (ODiN), gemeentelijke uitsnede",
    source: { external: "CBS" },
    owner: "programme_lead",
    decimals: 1,
    targets: [
      [32, 32, 28],
      [34, 34, 30],
    ],
  },
  {
    template: null,
    own: { name: "Basisscholen met verkeerseducatie", unit: "% basisscholen", unitKind: "percent", direction: "higher_is_better", frequency: "year" },
    factor: "Verkeerseducatie op alle basisscholen",
    definition: "Het deel van de basisscholen in de gemeente dat in het schooljaar een verkeerseducatieprogramma gaf.",
    formula: "Scholen met verkeerseducatie / alle basisscholen × 100",
    dataNeeded: "Deelnamelijst verkeerseducatie van het verkeersveiligheidsprogramma",
    source: { department: "Openbare ruimte" },
    owner: "programme_lead",
    decimals: 0,
    targets: [
      [80, 80, 60],
      [100, 100, 80],
    ],
  },
  {
    // Deliberately without an owner: the demo shows "Definitie onvolledig".
    template: null,
    own: { name: "Reizigers buslijn Zeewolde–Harderwijk", unit: "Aantal instappers per kwartaal", unitKind: "count", direction: "higher_is_better", frequency: "quarter" },
    factor: "Goede busverbinding met Harderwijk en Almere",
    definition: "Het aantal instappers op de buslijn tussen Zeewolde en Harderwijk per kwartaal.",
    formula: "Som van de instappers volgens de OV-chipkaartgegevens van de vervoerder",
    dataNeeded: "Instappers per halte en kwartaal van de vervoerder",
    source: { department: "Ruimtelijke ordening" },
    owner: null,
    decimals: 0,
    targets: [
      [42000, 42000, 38000],
      [45000, 45000, 40000],
    ],
  },
];

/** Which demo KPI influences which (by name): quick fixing of reports raises satisfaction. */
const DEMO_INFLUENCE = { from: "Meldingen openbare ruimte binnen termijn opgelost", to: "Tevredenheid onderhoud wegen en fietspaden" };

export async function seedDemoKpis(tx: DbOrTx, municipalityId: string, actor: AuditActor, users: { programme_lead: string; department_owner: string }, now = new Date()): Promise<string[]> {
  const year = amsterdamYear(now);
  const factors = await tx.select({ id: successFactor.id, title: successFactor.title }).from(successFactor).where(eq(successFactor.municipalityId, municipalityId));
  const departments = await tx.select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, municipalityId));
  const sources = await tx.select({ id: externalSource.id, name: externalSource.name }).from(externalSource).where(eq(externalSource.municipalityId, municipalityId));
  const ids: string[] = [];
  const idByName = new Map<string, string>();
  for (const [position, demo] of DEMO_KPIS.entries()) {
    const factor = factors.find((f) => f.title === demo.factor);
    if (!factor) continue;
    let base: { name: string; unit: string; unitKind: UnitKind; direction: KpiDirection; frequency: KpiFrequency };
    if (demo.template) {
      const [template] = await tx.select().from(kpiTemplate).where(eq(kpiTemplate.code, demo.template));
      if (!template) continue;
      base = { name: template.name, unit: template.unit, unitKind: template.unitKind, direction: template.direction, frequency: template.frequency };
    } else {
      base = demo.own!;
    }
    const sourceDepartmentId = "department" in demo.source ? (departments.find((d) => d.name === (demo.source as { department: string }).department)?.id ?? null) : null;
    const sourceExternalSourceId = "external" in demo.source ? (sources.find((s) => s.name === (demo.source as { external: string }).external)?.id ?? null) : null;
    const id = crypto.randomUUID();
    const values = {
      ...base,
      definition: demo.definition,
      formula: demo.formula,
      dataNeeded: demo.dataNeeded,
      decimals: demo.decimals,
      ownerUserId: demo.owner ? users[demo.owner] : null,
      sourceDepartmentId,
      sourceExternalSourceId,
    };
    await tx.insert(kpi).values({ id, municipalityId, templateCode: demo.template, position, ...values });
    await tx.insert(kpiSuccessFactor).values({ kpiId: id, successFactorId: factor.id, municipalityId });
    await recordAudit(tx, { municipalityId, actor, action: "kpi.created", objectType: "kpi", objectId: id, details: { library: demo.template, after: values, successFactor: { id: factor.id, title: factor.title } } });
    for (const [offset, [target, greenFrom, amberFrom]] of demo.targets.entries()) {
      const row = { year: year - 1 + offset, target, greenFrom, amberFrom };
      if (!fitsTarget(base.unitKind, base.direction, row)) throw new Error(`demo target of ${base.name} ${row.year} does not fit`);
      const targetId = crypto.randomUUID();
      await tx.insert(kpiTarget).values({ id: targetId, municipalityId, kpiId: id, ...row });
      await recordAudit(tx, { municipalityId, actor, action: "kpi_target.created", objectType: "kpi_target", objectId: targetId, details: { kpiId: id, kpi: base.name, after: row } });
    }
    ids.push(id);
    idByName.set(base.name, id);
  }
  const from = idByName.get(DEMO_INFLUENCE.from);
  const to = idByName.get(DEMO_INFLUENCE.to);
  if (from && to) {
    await tx.insert(kpiInfluence).values({ fromKpiId: from, toKpiId: to, municipalityId });
    await recordAudit(tx, { municipalityId, actor, action: "kpi.influence_added", objectType: "kpi_relation", objectId: from, details: { fromKpiId: from, from: DEMO_INFLUENCE.from, toKpiId: to, to: DEMO_INFLUENCE.to } });
  }
  return ids;
}

/** The demo KPIs of a municipality by name (for later seeds, e.g. demo measurements). */
export async function demoKpiIds(tx: DbOrTx, municipalityId: string): Promise<Map<string, string>> {
  const rows = await tx.select({ id: kpi.id, name: kpi.name }).from(kpi).where(and(eq(kpi.municipalityId, municipalityId)));
  return new Map(rows.map((r) => [r.name, r.id]));
}
