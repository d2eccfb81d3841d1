// The shared KPI library (kpi_template) as a municipality sees it: searched by name, unit or code
// (case-insensitive), filtered by one of its own focus areas (the template's focusAreaKey is the
// area's key) and by library (BBV or model), each entry saying whether the municipality already
// chose it (and which KPI that is).
import { and, asc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { focusArea, kpi, kpiTemplate } from "../../../db/schema/index";
import { db } from "../../db.server";
import type { Member } from "../auth/guards.server";

export const LIBRARIES = ["bbv", "model"] as const;
export type Library = (typeof LIBRARIES)[number];

export interface LibraryFilter {
  q?: string | null;
  /** A focus area id of the actor's municipality. */
  area?: string | null;
  library?: string | null;
}

export interface LibraryEntry {
  code: string;
  library: Library;
  number: number | null;
  name: string;
  unit: string;
  unitKind: string;
  direction: "higher_is_better" | "lower_is_better" | "neutral";
  frequency: "month" | "quarter" | "year";
  source: string;
  focusAreaKey: string;
  /** The municipality's own focus area with that key (its name may differ from the frame's). */
  focusArea: { id: string; name: string } | null;
  withdrawn: boolean;
  /** The municipality's current KPI chosen from this entry. */
  chosen: { kpiId: string; name: string } | null;
}

export interface LibraryView {
  entries: LibraryEntry[];
  total: number;
  /** The municipality's current focus areas that have a key (the only ones templates can match). */
  areas: { id: string; name: string; key: string }[];
  filter: { q: string; area: string; library: Library | "" };
}

/** Escapes LIKE wildcards, so a search for "%" finds a percent sign. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listLibrary(actor: Pick<Member, "municipalityId">, filter: LibraryFilter = {}): Promise<LibraryView> {
  const q = (filter.q ?? "").trim().slice(0, 100);
  const library = (LIBRARIES as readonly string[]).includes(filter.library ?? "") ? (filter.library as Library) : "";
  const areaRows = await db()
    .select({ id: focusArea.id, name: focusArea.name, key: focusArea.key })
    .from(focusArea)
    .where(and(eq(focusArea.municipalityId, actor.municipalityId), isNull(focusArea.retiredAt)))
    .orderBy(asc(focusArea.position), asc(focusArea.id));
  const areas = areaRows.filter((a): a is { id: string; name: string; key: string } => a.key !== null);
  const area = areas.find((a) => a.id === filter.area) ?? null;

  const conditions: (SQL | undefined)[] = [];
  if (q) {
    const pattern = likePattern(q);
    conditions.push(or(ilike(kpiTemplate.name, pattern), ilike(kpiTemplate.unit, pattern), ilike(kpiTemplate.code, pattern)));
  }
  if (library) conditions.push(eq(kpiTemplate.library, library));
  if (area) conditions.push(eq(kpiTemplate.focusAreaKey, area.key));

  const [rows, chosen, [totalRow]] = await Promise.all([
    db()
      .select()
      .from(kpiTemplate)
      .where(and(...conditions))
      .orderBy(asc(kpiTemplate.position)),
    db()
      .select({ id: kpi.id, name: kpi.name, templateCode: kpi.templateCode })
      .from(kpi)
      .where(and(eq(kpi.municipalityId, actor.municipalityId), isNull(kpi.retiredAt), sql`${kpi.templateCode} is not null`)),
    db().select({ n: sql<number>`count(*)::int` }).from(kpiTemplate),
  ]);
  const chosenByCode = new Map(chosen.map((c) => [c.templateCode!, { kpiId: c.id, name: c.name }]));
  const areaByKey = new Map(areas.map((a) => [a.key, { id: a.id, name: a.name }]));
  return {
    entries: rows.map((r) => ({
      code: r.code,
      library: r.library,
      number: r.number,
      name: r.name,
      unit: r.unit,
      unitKind: r.unitKind,
      direction: r.direction,
      frequency: r.frequency,
      source: r.source,
      focusAreaKey: r.focusAreaKey,
      focusArea: areaByKey.get(r.focusAreaKey) ?? null,
      withdrawn: r.status === "withdrawn",
      chosen: chosenByCode.get(r.code) ?? null,
    })),
    total: totalRow?.n ?? 0,
    areas,
    filter: { q, area: area?.id ?? "", library },
  };
}

/** One library entry with the municipality's choice of it; null when there is no such code. */
export async function getLibraryEntry(actor: Pick<Member, "municipalityId">, code: string): Promise<LibraryEntry | null> {
  const [row] = await db().select().from(kpiTemplate).where(eq(kpiTemplate.code, code));
  if (!row) return null;
  const [[area], [chosen]] = await Promise.all([
    db()
      .select({ id: focusArea.id, name: focusArea.name })
      .from(focusArea)
      .where(and(eq(focusArea.municipalityId, actor.municipalityId), eq(focusArea.key, row.focusAreaKey), isNull(focusArea.retiredAt))),
    db()
      .select({ kpiId: kpi.id, name: kpi.name })
      .from(kpi)
      .where(and(eq(kpi.municipalityId, actor.municipalityId), isNull(kpi.retiredAt), eq(kpi.templateCode, row.code))),
  ]);
  return {
    code: row.code,
    library: row.library,
    number: row.number,
    name: row.name,
    unit: row.unit,
    unitKind: row.unitKind,
    direction: row.direction,
    frequency: row.frequency,
    source: row.source,
    focusAreaKey: row.focusAreaKey,
    focusArea: area ?? null,
    withdrawn: row.status === "withdrawn",
    chosen: chosen ?? null,
  };
}
