// The shared KPI library (kpi_template): the BBV mandatory policy indicators and Koers's model set,
// from db/seed/reference. Upserted after every migration, so the table always matches the files.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { kpiTemplate, type KpiDirection, type KpiFrequency } from "../schema/kpis";
import { guessUnitKind } from "../../app/modules/kpis/units";
import bbv from "./reference/kpi-library-bbv.json" with { type: "json" };
import model from "./reference/kpi-library-model.json" with { type: "json" };

type TemplateRow = typeof kpiTemplate.$inferInsert;

export function kpiLibraryRows(): TemplateRow[] {
  const rows: TemplateRow[] = [];
  for (const i of bbv.indicators) {
    rows.push({
      code: i.code,
      library: "bbv",
      number: i.number,
      name: i.name_nl,
      unit: i.unit_nl,
      unitKind: guessUnitKind(i.unit_nl),
      source: i.source,
      direction: i.direction as KpiDirection,
      frequency: i.frequency as KpiFrequency,
      focusAreaKey: i.focus_area,
      iv3: i.iv3,
      status: i.status === "withdrawn" ? "withdrawn" : "active",
      position: rows.length,
    });
  }
  for (const k of model.kpis) {
    rows.push({
      code: k.code,
      library: "model",
      name: k.name_nl,
      unit: k.unit_nl,
      unitKind: guessUnitKind(k.unit_nl),
      source: k.source,
      direction: k.direction as KpiDirection,
      frequency: k.frequency as KpiFrequency,
      focusAreaKey: k.focus_area,
      status: "active",
      position: rows.length,
    });
  }
  return rows;
}

export async function ensureKpiLibrary(database: DbOrTx): Promise<void> {
  const rows = kpiLibraryRows();
  await database
    .insert(kpiTemplate)
    .values(rows)
    .onConflictDoUpdate({
      target: kpiTemplate.code,
      set: {
        library: sql`excluded.library`,
        number: sql`excluded.number`,
        name: sql`excluded.name`,
        unit: sql`excluded.unit`,
        unitKind: sql`excluded.unit_kind`,
        source: sql`excluded.source`,
        direction: sql`excluded.direction`,
        frequency: sql`excluded.frequency`,
        focusAreaKey: sql`excluded.focus_area_key`,
        iv3: sql`excluded.iv3`,
        status: sql`excluded.status`,
        position: sql`excluded.position`,
      },
    });
}
