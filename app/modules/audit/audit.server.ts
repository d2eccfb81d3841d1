// The audit log (logboek): one helper writes every state change, with the BIO2 fields
// (actor, action, object, result, origin, time) and no secrets, chained by hash.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../../../db/client";
import { auditEvent } from "../../../db/schema/index";
import { auditHash, GENESIS_HASH } from "./audit-hash";

export type AuditResult = "success" | "failure" | "denied";

export interface AuditActor {
  userId: string | null;
  /** Name and e-mail at the time of the event, so the log stays readable if the user is removed. */
  label: string;
}

export interface AuditInput {
  municipalityId: string | null;
  actor: AuditActor;
  action: string;
  objectType: string;
  objectId?: string | null;
  result?: AuditResult;
  origin?: string | null;
  details?: Record<string, unknown> | null;
  occurredAt?: Date;
}

const SECRET_KEYS = /password|token|secret|code|otp/i;

function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEYS.test(key))
      .map(([key, v]) => [key, stripSecrets(v)]),
  );
}

function withoutSecrets(details: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  return details ? (stripSecrets(details) as Record<string, unknown>) : null;
}

/**
 * Appends one event. Call it inside the transaction of the change it records. The advisory lock
 * serialises writers so the chain has no forks (PGlite serialises anyway; PostgreSQL needs it).
 */
export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301)`);
  const [last] = await tx.select({ hash: auditEvent.hash }).from(auditEvent).orderBy(desc(auditEvent.seq)).limit(1);
  const occurredAt = new Date(Math.floor((input.occurredAt ?? new Date()).getTime()));
  const fields = {
    id: crypto.randomUUID(),
    municipalityId: input.municipalityId,
    actorUserId: input.actor.userId,
    actorLabel: input.actor.label,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId ?? null,
    result: input.result ?? "success",
    origin: input.origin ?? null,
    details: withoutSecrets(input.details),
    occurredAt,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditEvent).values({ ...fields, prevHash, hash: auditHash(prevHash, fields) });
}

/** Records an event in its own transaction (for events that have no other write, e.g. a refused sign-in). */
export async function recordAuditNow(db: Database, input: AuditInput): Promise<void> {
  await db.transaction((tx) => recordAudit(tx, input));
}

export interface AuditPage {
  events: (typeof auditEvent.$inferSelect)[];
  nextCursor: number | null;
}

export async function listAuditEvents(db: Database, municipalityId: string, options: { before?: number; limit?: number } = {}): Promise<AuditPage> {
  const limit = options.limit ?? 50;
  const rows = await db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.municipalityId, municipalityId), options.before ? lt(auditEvent.seq, options.before) : undefined))
    .orderBy(desc(auditEvent.seq))
    .limit(limit + 1);
  const events = rows.slice(0, limit);
  return { events, nextCursor: rows.length > limit ? events[events.length - 1]!.seq : null };
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first event whose hash or link does not match, if any. */
  brokenAt?: { seq: number; reason: "hash-mismatch" | "link-mismatch" };
}

/** Walks the whole chain in order; a changed, inserted or removed row breaks it. */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvent).where(sql`${auditEvent.seq} > ${after}`).orderBy(auditEvent.seq).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: { seq: row.seq, reason: "link-mismatch" } };
      const { seq: _seq, prevHash: _p, hash, ...fields } = row;
      if (auditHash(prevHash, fields) !== hash) return { ok: false, checked, brokenAt: { seq: row.seq, reason: "hash-mismatch" } };
      prevHash = hash;
      checked++;
      after = row.seq;
    }
  }
}
