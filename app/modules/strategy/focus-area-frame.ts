// The model's common frame of eleven focus areas (db/seed/reference/focus-areas.json). Every
// municipality gets its own copy at creation (and at setup, for municipalities created before the
// frame existed). A copy keeps the frame's `key`, so an area the municipality renamed or retired is
// still recognised as that frame area and is never inserted again or overwritten.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { focusArea, organization } from "../../../db/schema/index";
import reference from "../../../db/seed/reference/focus-areas.json" with { type: "json" };

export interface FrameArea {
  key: string;
  name: string;
  description: string;
  iv3: string[];
}

export const FOCUS_AREA_FRAME: readonly FrameArea[] = reference.focus_areas.map((a) => ({
  key: a.key,
  name: a.name_nl,
  description: a.description_nl,
  iv3: a.iv3,
}));

/** The Iv3 main task fields (hoofdtaakvelden) by number, "0" … "8", in Dutch as published. */
export const IV3_MAIN_TASK_FIELDS: Readonly<Record<string, string>> = reference.iv3_main_task_fields;

/** Inserts the frame's areas the municipality does not have yet (by key); idempotent. */
export async function ensureFocusAreas(tx: DbOrTx, municipalityId: string): Promise<number> {
  const present = await tx
    .select({ key: focusArea.key })
    .from(focusArea)
    .where(and(eq(focusArea.municipalityId, municipalityId), isNotNull(focusArea.key)));
  const have = new Set(present.map((r) => r.key));
  const missing = FOCUS_AREA_FRAME.map((area, position) => ({ area, position })).filter(({ area }) => !have.has(area.key));
  let inserted = 0;
  for (const { area, position } of missing) {
    // A concurrent run, or an own area that already carries the frame area's name, wins: nothing
    // of the municipality's is overwritten.
    const rows = await tx
      .insert(focusArea)
      .values({ id: crypto.randomUUID(), municipalityId, key: area.key, name: area.name, description: area.description, iv3: area.iv3, position })
      .onConflictDoNothing()
      .returning({ id: focusArea.id });
    inserted += rows.length;
  }
  return inserted;
}

/** Setup step: every municipality gets the frame areas it lacks. */
export async function ensureFocusAreasForAll(tx: DbOrTx): Promise<void> {
  const rows = await tx.select({ id: organization.id }).from(organization).where(sql`true`);
  for (const row of rows) await ensureFocusAreas(tx, row.id);
}
