import { describe, expect, it } from "vitest";
import { createTask, loadBoard, moveTask, updateTask } from "../../app/modules/boards/boards.server";
import { countOverdueTasks } from "../../app/modules/boards/overdue.server";
import { loadProgrammeOverview } from "../../app/modules/programme/overview.server";
import { startPhase } from "../../app/modules/programme/programme.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead } from "./support/factories";

useTestDatabase();

/** A new task on a phase's board with the given due date; returns its id. */
async function taskDue(actor: Member, phase: number, title: string, dueDate: string | null): Promise<string> {
  const view = await loadBoard(actor, phase);
  const created = await createTask(actor, phase, { title, columnId: view!.columns[0]!.id });
  if (!created.ok) throw new Error(created.error);
  expect(await updateTask(actor, created.taskId, { title, description: "", dueDate, labels: [] })).toEqual({ ok: true });
  return created.taskId;
}

describe("overdue tasks on the programme overview", () => {
  // 23 November 2026, 00:30 in Amsterdam (23:30 UTC the day before): "today" is the 23rd there.
  const now = new Date("2026-11-22T23:30:00Z");

  it("counts open tasks due before today in Amsterdam, across boards, only of the own municipality", async () => {
    const lead = await createMunicipalityWithLead("GM0202", "Arnhem", "lead-overdue@arnhem.test");
    const other = await createMunicipalityWithLead("GM0203", "Assen", "lead-overdue@assen.test");
    expect(await countOverdueTasks(lead, now)).toBe(0);

    await taskDue(lead, 1, "Gisteren", "2026-11-21");
    await taskDue(lead, 1, "Zondag", "2026-11-22"); // before the Amsterdam date, though still the 22nd in UTC
    await taskDue(lead, 1, "Vandaag", "2026-11-23");
    await taskDue(lead, 1, "Zonder datum", null);
    await taskDue(lead, 3, "Fase 3, te laat", "2026-10-01");
    const finished = await taskDue(lead, 1, "Klaar maar te laat", "2026-11-01");
    const board = await loadBoard(lead, 1);
    const doneColumn = board!.columns.find((c) => c.done)!;
    expect(await moveTask(lead, finished, { columnId: doneColumn.id, beforeTaskId: null, afterTaskId: null })).toMatchObject({ ok: true });

    // Another municipality's overdue tasks do not count.
    await taskDue(other, 1, "Elders te laat", "2026-01-01");
    await taskDue(other, 2, "Elders ook te laat", "2026-01-02");

    expect(await countOverdueTasks(lead, now)).toBe(3);
    expect(await countOverdueTasks(other, now)).toBe(2);
    // Matches the board's own badge.
    const cards = (await loadBoard(lead, 1, { overdue: true }, now))!.columns.flatMap((c) => c.cards.map((card) => card.title));
    expect(cards.sort()).toEqual(["Gisteren", "Zondag"]);

    const overview = await loadProgrammeOverview(lead, now);
    expect(overview.overdueTasks).toEqual({ count: 3, phase: 1 });
  });

  it("links to the active phase's board", async () => {
    const lead = await createMunicipalityWithLead("GM0228", "Ede", "lead-active@ede.test");
    expect(await startPhase(lead, 1)).toMatchObject({ ok: true });
    expect((await loadProgrammeOverview(lead, now)).overdueTasks).toEqual({ count: 0, phase: 1 });
  });
});
