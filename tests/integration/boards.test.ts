import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "../../app/db.server";
import { listAuditEvents } from "../../app/modules/audit/audit.server";
import type { Member } from "../../app/modules/auth/guards.server";
import type { Role } from "../../app/modules/auth/roles";
import {
  addChecklistItem,
  addColumn,
  addComment,
  addLink,
  assignTask,
  createTask,
  ensureBoardsFor,
  loadBoard,
  loadTask,
  moveColumn,
  moveTask,
  renameColumn,
  listArchivedTasks,
  setTaskArchived,
  toggleChecklistItem,
  updateTask,
  type BoardView,
} from "../../app/modules/boards/boards.server";
import { compareRanks } from "../../app/modules/boards/ranks";
import { DEFAULT_COLUMNS, PHASE_TASK_TEMPLATES } from "../../app/modules/boards/templates";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { listNotifications, markRead, unreadCount } from "../../app/modules/notifications/notifications.server";
import { board, job, outbox, task } from "../../db/schema/index";
import { countOverdueTasks } from "../../app/modules/boards/overdue.server";
import { listLinkTargets, resolveTaskLinks } from "../../app/modules/boards/task-links.server";
import { listDocuments } from "../../app/modules/documents/documents.server";
import { boardJobHandlers } from "../../app/modules/boards/task-reminders.server";
import { runDueJobs } from "../../workflows/scheduler";
import { PHASE_NUMBERS } from "../../workflows/phase-gate";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

useTestDatabase();

async function joinedMember(lead: Member, email: string, role: Role): Promise<Member> {
  const invited = await inviteMember(lead, { email, role });
  if (!invited.ok) throw new Error(`invite failed: ${invited.error}`);
  const u = await createVerifiedUser(email);
  const accepted = await acceptInvitation({ userId: u.id, name: u.name, email: u.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.error}`);
  return memberOf(u.id, lead.cbsCode);
}

async function boardOf(actor: Member, phase: number, filters = {}): Promise<BoardView> {
  const view = await loadBoard(actor, phase, filters);
  if (!view) throw new Error(`no board ${phase} for ${actor.cbsCode}`);
  return view;
}

const titles = (view: BoardView, column = 0) => view.columns[column]!.cards.map((c) => c.title);

async function actions(actor: Member) {
  const { events } = await listAuditEvents(db(), actor.municipalityId, { limit: 500 });
  return events.map((e) => e.action);
}

/** Every card exactly once, and per column ranks strictly increasing in the order the database returns. */
function expectConsistent(view: BoardView, expectedIds: string[]) {
  const ids = view.columns.flatMap((c) => c.cards.map((card) => card.id));
  expect([...ids].sort()).toEqual([...expectedIds].sort());
  for (const column of view.columns) {
    const ranks = column.cards.map((c) => c.rank);
    for (let i = 1; i < ranks.length; i++) expect(compareRanks(ranks[i - 1]!, ranks[i]!)).toBe(-1);
  }
}

/** Small seeded PRNG so a failing interleaving can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("task boards", () => {
  let lead: Member;
  let staff: Member;
  let viewer: Member;
  let other: Member;

  it("gives every phase a board with the default columns and the model's tasks, idempotently", async () => {
    lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    other = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@utrecht.test");
    staff = await joinedMember(lead, "staff@amsterdam.test", "staff");
    viewer = await joinedMember(lead, "viewer@amsterdam.test", "viewer");
    for (const m of [lead, other]) await db().transaction((tx) => ensureBoardsFor(tx, m.municipalityId));
    await db().transaction((tx) => ensureBoardsFor(tx, lead.municipalityId));

    for (const phase of PHASE_NUMBERS) {
      const view = await boardOf(lead, phase);
      expect(view.columns.map((c) => c.name)).toEqual(["Te doen", "Bezig", "Review", "Klaar"]);
      expect(view.columns.map((c) => c.done)).toEqual(DEFAULT_COLUMNS.map((c) => c.done));
      expect(titles(view)).toEqual(PHASE_TASK_TEMPLATES[phase].map((t) => t.title));
      expectConsistent(view, view.columns.flatMap((c) => c.cards.map((card) => card.id)));
    }
    expect(titles(await boardOf(lead, 1))).toEqual(["Visie opstellen", "Quickscan uitzetten", "Beleidskaarten per aandachtsgebied"]);
    expect(await db().select().from(board).where(eq(board.municipalityId, lead.municipalityId))).toHaveLength(4);
    expect(await db().select().from(task).where(eq(task.municipalityId, lead.municipalityId))).toHaveLength(12);
  });

  it("creates, edits, assigns, moves, ticks, comments and links a task, each audited", async () => {
    const created = await createTask(staff, 1, { title: "Werksessie plannen", description: "Met alle afdelingen", labels: ["overleg", "overleg", " planning "] });
    expect(created.ok).toBe(true);
    const taskId = (created as { taskId: string }).taskId;
    let view = await boardOf(lead, 1);
    expect(titles(view).at(-1)).toBe("Werksessie plannen");
    expect(view.columns[0]!.cards.at(-1)!.labels).toEqual(["overleg", "planning"]);

    expect(await updateTask(staff, taskId, { title: "Werksessie visie plannen", description: "", dueDate: "2026-01-10", labels: ["overleg"] })).toEqual({ ok: true });
    expect(await assignTask(lead, taskId, staff.userId)).toEqual({ ok: true });
    const [bezig, review] = [view.columns[1]!, view.columns[2]!];
    expect(await moveTask(staff, taskId, { columnId: bezig.id })).toMatchObject({ ok: true });
    const visie = view.columns[0]!.cards[0]!.id;
    expect(await moveTask(staff, visie, { columnId: bezig.id, beforeTaskId: taskId })).toMatchObject({ ok: true });
    const item = await addChecklistItem(staff, taskId, "Zaal reserveren");
    expect(item.ok).toBe(true);
    expect(await toggleChecklistItem(staff, (item as { itemId: string }).itemId, true)).toEqual({ ok: true });
    await addChecklistItem(staff, taskId, "Agenda rondsturen");
    expect((await addComment(staff, taskId, "Datum volgt")).ok).toBe(true);
    // Links go to real things of the same municipality only, shown by their current name.
    const visionDoc = (await listDocuments(lead)).find((d) => d.kind === "vision")!;
    const link = await addLink(staff, taskId, { targetKind: "document", targetId: visionDoc.id });
    expect(link.ok).toBe(true);
    expect(await addLink(staff, taskId, { targetKind: "document", targetId: visionDoc.id })).toEqual(link);
    expect(await addLink(staff, taskId, { targetKind: "document", targetId: "doc-visie" })).toEqual({ ok: false, error: "link_target_not_found" });
    expect(await addLink(staff, taskId, { targetKind: "kpi", targetId: visionDoc.id })).toEqual({ ok: false, error: "link_target_not_found" });
    const otherVision = (await listDocuments(other)).find((d) => d.kind === "vision")!;
    expect(await addLink(staff, taskId, { targetKind: "document", targetId: otherVision.id })).toEqual({ ok: false, error: "link_target_not_found" });
    const resolved = await resolveTaskLinks(lead.municipalityId, (await loadTask(lead, taskId))!.links);
    expect(resolved.map((l) => l.target)).toEqual([{ kind: "document", id: visionDoc.id, label: "Visie", path: `/documenten/${visionDoc.id}` }]);
    expect((await listLinkTargets(lead.municipalityId)).map((tg) => tg.id)).toContain(visionDoc.id);
    expect((await listLinkTargets(lead.municipalityId)).map((tg) => tg.id)).not.toContain(otherVision.id);

    view = await boardOf(lead, 1, {});
    expect(view.columns[1]!.cards.map((c) => c.title)).toEqual(["Visie opstellen", "Werksessie visie plannen"]);
    const card = view.columns[1]!.cards[1]!;
    expect(card).toMatchObject({ assignee: { id: staff.userId }, dueDate: "2026-01-10", overdue: true, labels: ["overleg"], checklist: { done: 1, total: 2 }, comments: 1 });
    const detail = await loadTask(lead, taskId);
    expect(detail).toMatchObject({ title: "Werksessie visie plannen", columnName: "Bezig", comments: [{ body: "Datum volgt", authorId: staff.userId }] });
    expect(detail!.links.map((l) => ({ kind: l.kind, id: l.targetId }))).toEqual([{ kind: "document", id: visionDoc.id }]);
    expect(detail!.checklist.map((i) => [i.text, i.done])).toEqual([["Zaal reserveren", true], ["Agenda rondsturen", false]]);

    // Filters: mine, overdue, label.
    expect((await boardOf(staff, 1, { mine: true })).columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([taskId]);
    expect((await boardOf(lead, 1, { mine: true })).columns.flatMap((c) => c.cards)).toHaveLength(0);
    expect((await boardOf(lead, 1, { overdue: true })).columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([taskId]);
    expect((await boardOf(lead, 1, { label: "overleg" })).columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([taskId]);
    expect((await boardOf(lead, 1, { label: "onbekend" })).columns.flatMap((c) => c.cards)).toHaveLength(0);
    // A card in the done column is not overdue.
    await moveTask(staff, taskId, { columnId: view.columns[3]!.id });
    expect((await boardOf(lead, 1, { overdue: true })).columns.flatMap((c) => c.cards)).toHaveLength(0);

    // Assigning notified the assignee in the app, and scheduled one due reminder.
    expect(await unreadCount(staff)).toBe(1);
    const [note] = await listNotifications(staff);
    expect(note).toMatchObject({ kind: "task.assigned", payload: { taskId, byUserId: lead.userId } });
    expect(await markRead(other, [note!.id])).toBe(0);
    expect(await markRead(staff, [note!.id])).toBe(1);
    expect(await unreadCount(staff)).toBe(0);
    const jobs = await db().select().from(job).where(eq(job.dedupeKey, `task-due:${taskId}:2026-01-10`));
    expect(jobs).toHaveLength(1);
    // …and one mail to the assignee, in the outbox, with the link to the task.
    const mails = await db().select().from(outbox).where(eq(outbox.template, "task-assigned"));
    expect(mails).toHaveLength(1);
    const taskLink = `/g/${lead.cbsCode}/fase/1/bord/taak/${taskId}`;
    expect(mails[0]).toMatchObject({ toAddress: staff.email, municipalityId: lead.municipalityId, status: "pending" });
    expect(mails[0]!.payload ?? {}).toMatchObject({ title: "Werksessie visie plannen", municipality: "Amsterdam", assigner: lead.userName });
    expect(String(mails[0]!.payload?.url)).toMatch(new RegExp(`${taskLink}$`));
    expect(mails[0]!.subject).toContain("Werksessie visie plannen");
    expect(mails[0]!.html).toContain(taskLink);
    expect(mails[0]!.text).toContain(taskLink);

    // Columns: rename, add, reorder.
    expect(await renameColumn(lead, review.id, "Ter review")).toEqual({ ok: true });
    const added = await addColumn(lead, 1, { name: "Geparkeerd" });
    expect(added.ok).toBe(true);
    expect(await moveColumn(lead, (added as { columnId: string }).columnId, { afterColumnId: view.columns[0]!.id })).toEqual({ ok: true });
    expect((await boardOf(lead, 1)).columns.map((c) => c.name)).toEqual(["Te doen", "Geparkeerd", "Bezig", "Ter review", "Klaar"]);
    expect(await moveColumn(lead, review.id, { beforeColumnId: view.columns[0]!.id })).toEqual({ ok: true });
    expect((await boardOf(lead, 1)).columns.map((c) => c.name)).toEqual(["Ter review", "Te doen", "Geparkeerd", "Bezig", "Klaar"]);

    const logged = await actions(lead);
    for (const action of [
      "task.created",
      "task.updated",
      "task.assigned",
      "task.moved",
      "task.checklist_item_added",
      "task.checklist_item_checked",
      "task.commented",
      "task.link_added",
      "board.column_renamed",
      "board.column_added",
      "board.column_moved",
    ]) {
      expect(logged, action).toContain(action);
    }
    expect(logged.filter((a) => a === "task.link_added")).toHaveLength(1);
  });

  it("lets leads manage, those who work tasks work them, and viewers only read", async () => {
    const view = await boardOf(viewer, 2);
    const templateTask = view.columns[0]!.cards[0]!.id;
    expect(await createTask(viewer, 2, { title: "Mag niet" })).toEqual({ ok: false, error: "not_allowed" });
    expect(await moveTask(viewer, templateTask, { columnId: view.columns[1]!.id })).toEqual({ ok: false, error: "not_allowed" });
    expect(await addComment(viewer, templateTask, "Hallo")).toEqual({ ok: false, error: "not_allowed" });
    expect(await renameColumn(staff, view.columns[0]!.id, "Backlog")).toEqual({ ok: false, error: "not_allowed" });
    expect(await addColumn(staff, 2, { name: "Extra" })).toEqual({ ok: false, error: "not_allowed" });
    // Staff edit only what they created or hold; they may take a task themselves, not hand it out.
    expect(await updateTask(staff, templateTask, { title: "Anders", description: "", dueDate: null, labels: [] })).toEqual({ ok: false, error: "not_allowed" });
    expect(await assignTask(staff, templateTask, lead.userId)).toEqual({ ok: false, error: "not_allowed" });
    expect(await assignTask(staff, templateTask, staff.userId)).toEqual({ ok: true });
    // Taking a task oneself sends no mail.
    expect((await db().select().from(outbox).where(eq(outbox.template, "task-assigned"))).map((m) => String(m.payload?.url))).not.toContainEqual(expect.stringContaining(templateTask));
    expect(await updateTask(staff, templateTask, { title: "KPI's kiezen", description: "", dueDate: null, labels: [] })).toEqual({ ok: true });
    expect(await assignTask(lead, templateTask, other.userId)).toEqual({ ok: false, error: "not_member" });
    expect(await moveTask(staff, templateTask, { columnId: view.columns[2]!.id })).toMatchObject({ ok: true });
  });

  it("keeps municipalities apart: B cannot read or touch A's boards, tasks, columns or items", async () => {
    const a = await boardOf(lead, 3);
    const b = await boardOf(other, 3);
    const aTask = a.columns[0]!.cards[0]!.id;
    const bColumn = b.columns[1]!.id;
    const item = (await addChecklistItem(lead, aTask, "Concept delen")) as { itemId: string };
    const before = await loadTask(lead, aTask);

    expect(await loadTask(other, aTask)).toBeNull();
    expect(await updateTask(other, aTask, { title: "Gekaapt", description: "", dueDate: null, labels: [] })).toEqual({ ok: false, error: "not_found" });
    expect(await assignTask(other, aTask, other.userId)).toEqual({ ok: false, error: "not_found" });
    expect(await moveTask(other, aTask, { columnId: bColumn })).toEqual({ ok: false, error: "not_found" });
    expect(await moveTask(lead, aTask, { columnId: bColumn })).toEqual({ ok: false, error: "not_found" });
    expect(await moveTask(other, b.columns[0]!.cards[0]!.id, { columnId: a.columns[1]!.id })).toEqual({ ok: false, error: "not_found" });
    expect(await addComment(other, aTask, "Hallo")).toEqual({ ok: false, error: "not_found" });
    expect(await addChecklistItem(other, aTask, "X")).toEqual({ ok: false, error: "not_found" });
    expect(await toggleChecklistItem(other, item.itemId, true)).toEqual({ ok: false, error: "not_found" });
    expect(await addLink(other, aTask, { targetKind: "kpi", targetId: "k1" })).toEqual({ ok: false, error: "not_found" });
    expect(await renameColumn(other, a.columns[0]!.id, "Gekaapt")).toEqual({ ok: false, error: "not_found" });
    expect(await moveColumn(other, a.columns[0]!.id, {})).toEqual({ ok: false, error: "not_found" });
    expect(await createTask(other, 3, { title: "Eigen taak", columnId: a.columns[0]!.id })).toEqual({ ok: false, error: "not_found" });

    expect(await loadTask(lead, aTask)).toEqual(before);
    expect((await boardOf(lead, 3)).columns.map((c) => c.name)).toEqual(a.columns.map((c) => c.name));
    expect(titles(await boardOf(other, 3))).toEqual(titles(b));
    expect(await listNotifications(other)).toEqual([]);
  });

  it("keeps every card exactly once and ranks strictly ordered under 20 concurrent moves", async () => {
    for (let n = 0; n < 5; n++) expect((await createTask(lead, 4, { title: `Extra ${n}` })).ok).toBe(true);
    const start = await boardOf(lead, 4);
    const ids = start.columns.flatMap((c) => c.cards.map((card) => card.id));
    expect(ids).toHaveLength(8);
    const columnIds = start.columns.map((c) => c.id);
    const random = prng(20260);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const moves = Array.from({ length: 20 }, () => {
      const taskId = pick(ids);
      const neighbour = pick(ids.filter((id) => id !== taskId));
      const where = random();
      return moveTask(random() < 0.5 ? lead : staff, taskId, {
        columnId: pick(columnIds),
        // Neighbours are chosen from a stale snapshot, as a real client would: some are no longer in the target column.
        ...(where < 0.4 ? { afterTaskId: neighbour } : where < 0.8 ? { beforeTaskId: neighbour } : {}),
      });
    });
    const outcomes = await Promise.all(moves);
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const end = await boardOf(lead, 4);
    expectConsistent(end, ids);
    const rows = await db().select({ id: task.id, columnId: task.columnId, rank: task.rank }).from(task).where(and(eq(task.boardId, end.id)));
    expect(rows).toHaveLength(8);
    const pairs = rows.map((r) => `${r.columnId}:${r.rank}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const column of end.columns) {
      const jsOrder = rows.filter((r) => r.columnId === column.id).sort((x, y) => compareRanks(x.rank, y.rank)).map((r) => r.id);
      expect(column.cards.map((c) => c.id)).toEqual(jsOrder);
    }
    expect((await actions(lead)).filter((a) => a === "task.moved").length).toBeGreaterThanOrEqual(20);
  });

  it("places a card exactly between its neighbours when nobody else moves", async () => {
    const view = await boardOf(lead, 2);
    const target = view.columns[0]!;
    const created = [];
    for (const title of ["Een", "Twee", "Drie"]) created.push(await createTask(lead, 2, { title, columnId: target.id }));
    const [one, , three] = created.map((c) => (c as { taskId: string }).taskId);
    expect(await moveTask(lead, three!, { columnId: target.id, afterTaskId: one })).toMatchObject({ ok: true });
    const titlesNow = (await boardOf(lead, 2)).columns[0]!.cards.map((c) => c.title);
    expect(titlesNow.indexOf("Drie")).toBe(titlesNow.indexOf("Een") + 1);
    expect(titlesNow.indexOf("Twee")).toBe(titlesNow.indexOf("Drie") + 1);
  });

  it("shows per column only the first cards when asked, with the count and the first hidden card, filters applied first", async () => {
    const view = await boardOf(lead, 3);
    const [todo, doing] = [view.columns[0]!, view.columns[1]!];
    const before = todo.cards.map((c) => c.id);
    const added: string[] = [];
    for (let i = 0; i < 6; i++) {
      const created = await createTask(lead, 3, { title: `Veel ${i}`, columnId: todo.id, labels: i % 2 ? ["oneven"] : [], dueDate: i < 2 ? "2020-01-01" : null });
      added.push((created as { taskId: string }).taskId);
    }
    for (let i = 0; i < 2; i++) await createTask(lead, 3, { title: `Bezig ${i}`, columnId: doing.id });
    const all = [...before, ...added];
    const full = await boardOf(lead, 3);
    expect(full.columns[0]!.cards.map((c) => c.id)).toEqual(all);
    expect(full.columns[0]).toMatchObject({ total: all.length, nextHiddenId: null });

    const limited = (await loadBoard(lead, 3, {}, new Date(), { perColumn: 3, columns: { [doing.id]: 1 } }))!;
    expect(limited.columns[0]!.cards.map((c) => c.id)).toEqual(all.slice(0, 3));
    expect(limited.columns[0]).toMatchObject({ total: all.length, nextHiddenId: all[3] });
    expect(limited.columns[1]!.cards.map((c) => c.title)).toEqual(["Bezig 0"]);
    expect(limited.columns[1]).toMatchObject({ total: 2 });
    expect(limited.columns[2]).toMatchObject({ cards: [], total: 0, nextHiddenId: null });

    // The limit counts the cards that pass the filters.
    const odd = (await loadBoard(lead, 3, { label: "oneven" }, new Date(), { perColumn: 2 }))!;
    expect(odd.columns[0]!.cards.map((c) => c.id)).toEqual([added[1], added[3]]);
    expect(odd.columns[0]).toMatchObject({ total: 3, nextHiddenId: added[5] });
    expect(odd.columns[0]!.cards[0]!.labels).toEqual(["oneven"]);
    const late = (await loadBoard(lead, 3, { overdue: true }, new Date("2026-03-01T12:00:00Z"), { perColumn: 1 }))!;
    expect(late.columns[0]).toMatchObject({ total: 2, nextHiddenId: added[1], cards: [{ id: added[0], overdue: true, dueDate: "2020-01-01" }] });
    expect(late.labels).toEqual(["oneven"]);
  });
  it("archives a template task that does not apply: off the board, the filters, the overdue count and the reminders; restored in its place", async () => {
    const view = await boardOf(lead, 2);
    const todo = view.columns[0]!;
    const [first, second, third] = todo.cards;
    // Overdue and assigned, so every place it would show up is tested.
    expect(await updateTask(lead, second!.id, { title: second!.title, description: "", dueDate: "2020-02-02", labels: ["sjabloon"] })).toMatchObject({ ok: true });
    expect(await assignTask(lead, second!.id, staff.userId)).toMatchObject({ ok: true });
    const overdueBefore = await countOverdueTasks(lead);

    // Only leads archive; B's lead cannot reach A's task.
    expect(await setTaskArchived(staff, second!.id, true)).toEqual({ ok: false, error: "not_allowed" });
    expect(await setTaskArchived(other, second!.id, true)).toEqual({ ok: false, error: "not_found" });
    expect(await setTaskArchived(lead, second!.id, true)).toEqual({ ok: true });
    expect(await setTaskArchived(lead, second!.id, true)).toEqual({ ok: false, error: "archived" });

    const after = await boardOf(lead, 2);
    expect(after.columns[0]!.cards.map((c) => c.id)).toEqual(todo.cards.map((c) => c.id).filter((id) => id !== second!.id));
    expect(after.columns[0]!.total).toBe(todo.total - 1);
    expect(after.labels).not.toContain("sjabloon");
    expect((await boardOf(lead, 2, { mine: true })).columns.flatMap((c) => c.cards)).toEqual([]);
    expect(await countOverdueTasks(lead)).toBe(overdueBefore - 1);
    expect((await listArchivedTasks(lead, view.id)).map((a) => a.id)).toEqual([second!.id]);
    expect(await listArchivedTasks(other, view.id)).toEqual([]);
    expect((await loadTask(lead, second!.id))!.archived).toMatchObject({ byName: lead.userName });

    // An archived task is not worked on: no move, edit, checklist or comment.
    expect(await moveTask(lead, second!.id, { columnId: after.columns[1]!.id })).toEqual({ ok: false, error: "not_found" });
    expect(await updateTask(lead, second!.id, { title: "Toch", description: "", dueDate: null, labels: [] })).toEqual({ ok: false, error: "not_found" });
    expect(await addComment(staff, second!.id, "Hallo")).toEqual({ ok: false, error: "not_found" });
    // Its due reminder (scheduled when it was assigned) sends nothing.
    const mails = await db().select().from(outbox).where(eq(outbox.template, "task-due"));
    await runDueJobs(db(), boardJobHandlers, new Date("2020-02-03T12:00:00Z"));
    expect(await db().select().from(outbox).where(eq(outbox.template, "task-due"))).toHaveLength(mails.length);

    // A card placed between its visible neighbours never collides with the archived card's rank.
    const placed = await createTask(lead, 2, { title: "Ertussen", columnId: todo.id });
    expect(await moveTask(lead, (placed as { taskId: string }).taskId, { columnId: todo.id, afterTaskId: first!.id })).toMatchObject({ ok: true });

    expect(await setTaskArchived(lead, second!.id, false)).toEqual({ ok: true });
    expect(await setTaskArchived(lead, second!.id, false)).toEqual({ ok: false, error: "not_archived" });
    const restored = await boardOf(lead, 2);
    expect(restored.columns[0]!.cards.map((c) => c.title)).toEqual([first!.title, "Ertussen", ...todo.cards.slice(1).map((c) => c.title)]);
    expectConsistent(restored, restored.columns.flatMap((c) => c.cards.map((card) => card.id)));
    expect(await countOverdueTasks(lead)).toBe(overdueBefore);
    expect(await actions(lead)).toEqual(expect.arrayContaining(["task.archived", "task.restored"]));
  });
});
