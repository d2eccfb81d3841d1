// The durable scheduler on a database that outlives its handle: a PGlite data dir in a temp folder,
// or a fresh PostgreSQL database. "Restart" = close the handle and open a new one on the same data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeDatabase, db, useDatabase } from "../../app/db.server";
import type { Member } from "../../app/modules/auth/guards.server";
import { assignTask, ensureBoardsFor, loadBoard, moveTask, updateTask } from "../../app/modules/boards/boards.server";
import { boardJobHandlers, dueReminderKey, TASK_DUE_REMINDER } from "../../app/modules/boards/task-reminders.server";
import { dueReminderAt } from "../../app/modules/boards/due-dates";
import { acceptInvitation, inviteMember } from "../../app/modules/members/members.server";
import { listNotifications } from "../../app/modules/notifications/notifications.server";
import { createDb, migrateDb, type DbHandle } from "../../db/client";
import { job, notification, outbox } from "../../db/schema/index";
import { enqueueJob, runDueJobs } from "../../workflows/scheduler";
import { createMunicipalityWithLead, createVerifiedUser, memberOf } from "./support/factories";

const serverUrl = process.env.TEST_DATABASE_URL;
let open: () => Promise<DbHandle>;
let dispose: () => Promise<void>;

beforeAll(async () => {
  if (serverUrl) {
    const name = `koers_jobs_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    open = () => createDb({ url: url.toString() });
    dispose = async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "koers-jobs-"));
    open = () => createDb({ dataDir: path.join(dir, "pglite") });
    dispose = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const first = await open();
  await migrateDb(first);
  useDatabase(first);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
  await dispose();
});

async function restart(): Promise<DbHandle> {
  await closeDatabase();
  const next = await open();
  useDatabase(next);
  return next;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function mailsOf(template: string) {
  return db().select().from(outbox).where(eq(outbox.template, template));
}

async function dueNotifications(userId: string) {
  return db().select().from(notification).where(and(eq(notification.userId, userId), eq(notification.kind, "task.due")));
}

describe("durable due reminders", () => {
  let lead: Member;
  let staff: Member;
  let taskId: string;
  const dueDate = daysAgo(3);

  it("schedules one reminder job per task and due date, however often it is asked", async () => {
    lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    const invited = await inviteMember(lead, { email: "staff@amsterdam.test", role: "staff" });
    const u = await createVerifiedUser("staff@amsterdam.test");
    await acceptInvitation({ userId: u.id, name: u.name, email: u.email }, (invited as { invitationId: string }).invitationId, "127.0.0.1");
    staff = await memberOf(u.id, lead.cbsCode);
    await db().transaction((tx) => ensureBoardsFor(tx, lead.municipalityId));
    taskId = (await loadBoard(lead, 1))!.columns[0]!.cards[0]!.id;

    expect(await updateTask(lead, taskId, { title: "Visie opstellen", description: "", dueDate, labels: [] })).toEqual({ ok: true });
    expect(await db().select().from(job)).toHaveLength(0); // no assignee yet: nobody to remind
    expect(await assignTask(lead, taskId, staff.userId)).toEqual({ ok: true });
    expect(await assignTask(lead, taskId, lead.userId)).toEqual({ ok: true });
    expect(await assignTask(lead, taskId, staff.userId)).toEqual({ ok: true });
    const again = await db().transaction((tx) =>
      enqueueJob(tx, { kind: TASK_DUE_REMINDER, runAt: new Date(), payload: { taskId, dueDate }, dedupeKey: dueReminderKey(taskId, dueDate) }),
    );
    expect(again.created).toBe(false);
    const jobs = await db().select().from(job);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: TASK_DUE_REMINDER, dedupeKey: `task-due:${taskId}:${dueDate}`, status: "pending", attempts: 0 });
    expect(jobs[0]!.runAt.toISOString()).toBe(dueReminderAt(dueDate).toISOString());
  });

  it("does not run a job before its time", async () => {
    const report = await runDueJobs(db(), boardJobHandlers, new Date(dueReminderAt(dueDate).getTime() - 1));
    expect(report.done).toBe(0);
    expect(await dueNotifications(staff.userId)).toHaveLength(0);
    expect(await mailsOf("task-due")).toHaveLength(0);
  });

  it("survives a restart before it runs, then sends exactly one reminder under concurrent runs", async () => {
    const first = await restart();
    // Two workers at once: on PostgreSQL two separate handles (as two processes), on PGlite one.
    const second = serverUrl ? await open() : first;
    try {
      const reports = await Promise.all([runDueJobs(first.db, boardJobHandlers), runDueJobs(second.db, boardJobHandlers), runDueJobs(first.db, boardJobHandlers)]);
      expect(reports.reduce((n, r) => n + r.done, 0)).toBe(1);
    } finally {
      if (second !== first) await second.close();
    }
    expect((await runDueJobs(db(), boardJobHandlers)).done).toBe(0);
    const sent = await dueNotifications(staff.userId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ taskId, dueDate, title: "Visie opstellen", phaseNumber: 1 });
    expect((await listNotifications(staff)).map((n) => n.kind).sort()).toEqual(["task.assigned", "task.assigned", "task.due"]);
    // Next to the in-app notification: exactly one due mail, to the assignee, linking to the task.
    const due = await mailsOf("task-due");
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ toAddress: staff.email, municipalityId: lead.municipalityId });
    expect(due[0]!.payload ?? {}).toMatchObject({ title: "Visie opstellen", dueDate, municipality: "Amsterdam" });
    expect(due[0]!.text).toContain(`/g/${lead.cbsCode}/fase/1/bord/taak/${taskId}`);
    // Assigned to staff twice (by the lead), once to the lead by the lead: two assignment mails, both to staff.
    expect((await mailsOf("task-assigned")).map((m) => m.toAddress)).toEqual([staff.email, staff.email]);
  });

  it("sends nothing more after another restart", async () => {
    await restart();
    expect(await runDueJobs(db(), boardJobHandlers)).toEqual({ done: 0, retrying: 0, failed: 0 });
    expect(await dueNotifications(staff.userId)).toHaveLength(1);
    expect(await mailsOf("task-due")).toHaveLength(1);
    const [row] = await db().select().from(job);
    expect(row).toMatchObject({ status: "done", attempts: 1, lastError: null });
    expect(row!.finishedAt).not.toBeNull();
  });

  it("skips a reminder whose task was finished or whose due date moved", async () => {
    const view = (await loadBoard(lead, 2))!;
    const [finished, moved] = view.columns[0]!.cards.map((c) => c.id);
    for (const id of [finished!, moved!]) {
      await updateTask(lead, id, { title: "T", description: "", dueDate: daysAgo(5), labels: [] });
      await assignTask(lead, id, staff.userId);
    }
    await moveTask(lead, finished!, { columnId: view.columns[3]!.id });
    await updateTask(lead, moved!, { title: "T", description: "", dueDate: daysAgo(4), labels: [] });
    expect(await runDueJobs(db(), boardJobHandlers)).toMatchObject({ done: 3 });
    const sent = await dueNotifications(staff.userId);
    expect(sent.map((n) => (n.payload as { dueDate: string }).dueDate).sort()).toEqual([dueDate, daysAgo(4)].sort());
  });

  it("rolls back a failing handler's effects, retries with back-off and gives up after the last attempt", async () => {
    const now = new Date();
    await db().transaction((tx) => enqueueJob(tx, { kind: "test.flaky", runAt: now, payload: {}, dedupeKey: "test-flaky-1" }));
    const handlers = {
      "test.flaky": async (tx: Parameters<(typeof boardJobHandlers)[string]>[0]) => {
        await tx.insert(notification).values({ id: crypto.randomUUID(), userId: staff.userId, municipalityId: staff.municipalityId, kind: "test.half", payload: {} });
        throw new Error("mail server down");
      },
    };
    expect(await runDueJobs(db(), handlers, now, { maxAttempts: 2 })).toEqual({ done: 0, retrying: 1, failed: 0 });
    let [row] = await db().select().from(job).where(eq(job.dedupeKey, "test-flaky-1"));
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "mail server down" });
    expect(row!.runAt.getTime()).toBeGreaterThan(now.getTime());
    expect(await runDueJobs(db(), handlers, now, { maxAttempts: 2 })).toEqual({ done: 0, retrying: 0, failed: 0 });
    expect(await runDueJobs(db(), handlers, row!.runAt, { maxAttempts: 2 })).toEqual({ done: 0, retrying: 0, failed: 1 });
    [row] = await db().select().from(job).where(eq(job.dedupeKey, "test-flaky-1"));
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(await db().select().from(notification).where(eq(notification.kind, "test.half"))).toHaveLength(0);
  });
});
