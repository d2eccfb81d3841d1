// API push tokens (API-sleutels): one agreement per token, made and revoked by the programme lead.
// The token is shown once; only its SHA-256 is stored, with a short prefix to tell tokens apart.
// A token delivers only for its own agreement, and only while it is not revoked.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { agreementPushToken, deliveryAgreement, user } from "../../../db/schema/index";
import { db } from "../../db.server";
import { recordAudit } from "../audit/audit.server";
import { actorOf, type Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { createPushTokenSchema, type CreatePushTokenInput } from "./push-token-schema";

const TOKEN_PREFIX = "koers_";

export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type PushTokenOutcome =
  | { ok: true; id: string; token: string; prefix: string }
  | { ok: false; error: "forbidden" | "notFound" }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string[]> };

export async function createPushToken(member: Member, input: CreatePushTokenInput): Promise<PushTokenOutcome> {
  if (!can(member.role, { agreement: ["manage"] })) return { ok: false, error: "forbidden" };
  const parsed = createPushTokenSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, error: "invalid", fieldErrors };
  }
  return db().transaction(async (tx) => {
    const [agreement] = await tx
      .select({ id: deliveryAgreement.id, reference: deliveryAgreement.reference })
      .from(deliveryAgreement)
      .where(and(eq(deliveryAgreement.id, parsed.data.agreementId), eq(deliveryAgreement.municipalityId, member.municipalityId)));
    if (!agreement) return { ok: false, error: "notFound" } as const;
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
    const id = crypto.randomUUID();
    await tx.insert(agreementPushToken).values({ id, municipalityId: member.municipalityId, agreementId: agreement.id, prefix, tokenSha256: tokenHash(token), label: parsed.data.label, createdByUserId: member.userId });
    await recordAudit(tx, {
      municipalityId: member.municipalityId,
      actor: actorOf(member),
      action: "push_token.created",
      objectType: "push_token",
      objectId: id,
      origin: member.origin,
      details: { agreementId: agreement.id, reference: agreement.reference, prefix, label: parsed.data.label },
    });
    return { ok: true, id, token, prefix } as const;
  });
}

export async function revokePushToken(member: Member, tokenId: string): Promise<{ ok: true } | { ok: false; error: "forbidden" | "notFound" }> {
  if (!can(member.role, { agreement: ["manage"] })) return { ok: false, error: "forbidden" };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .update(agreementPushToken)
      .set({ revokedAt: new Date() })
      .where(and(eq(agreementPushToken.id, tokenId), eq(agreementPushToken.municipalityId, member.municipalityId), isNull(agreementPushToken.revokedAt)))
      .returning({ id: agreementPushToken.id, agreementId: agreementPushToken.agreementId, prefix: agreementPushToken.prefix, label: agreementPushToken.label });
    if (!row) return { ok: false, error: "notFound" } as const;
    await recordAudit(tx, {
      municipalityId: member.municipalityId,
      actor: actorOf(member),
      action: "push_token.revoked",
      objectType: "push_token",
      objectId: row.id,
      origin: member.origin,
      details: { agreementId: row.agreementId, prefix: row.prefix, label: row.label },
    });
    return { ok: true } as const;
  });
}

export async function listPushTokens(member: Pick<Member, "municipalityId">) {
  return db()
    .select({
      id: agreementPushToken.id,
      agreementId: agreementPushToken.agreementId,
      reference: deliveryAgreement.reference,
      prefix: agreementPushToken.prefix,
      label: agreementPushToken.label,
      createdAt: agreementPushToken.createdAt,
      createdBy: user.name,
      lastUsedAt: agreementPushToken.lastUsedAt,
      revokedAt: agreementPushToken.revokedAt,
    })
    .from(agreementPushToken)
    .innerJoin(deliveryAgreement, eq(deliveryAgreement.id, agreementPushToken.agreementId))
    .leftJoin(user, eq(user.id, agreementPushToken.createdByUserId))
    .where(eq(agreementPushToken.municipalityId, member.municipalityId))
    .orderBy(asc(agreementPushToken.revokedAt), desc(agreementPushToken.createdAt));
}

export interface PushCaller {
  tokenId: string;
  agreementId: string;
  municipalityId: string;
  prefix: string;
  label: string | null;
}

/** The caller behind an `Authorization: Bearer …` header; null for a missing, unknown or revoked token. */
export async function authenticatePushToken(authorization: string | null): Promise<PushCaller | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db()
    .select({ id: agreementPushToken.id, agreementId: agreementPushToken.agreementId, municipalityId: agreementPushToken.municipalityId, prefix: agreementPushToken.prefix, label: agreementPushToken.label, revokedAt: agreementPushToken.revokedAt })
    .from(agreementPushToken)
    .where(eq(agreementPushToken.tokenSha256, tokenHash(match[1]!)));
  if (!row || row.revokedAt) return null;
  await db().update(agreementPushToken).set({ lastUsedAt: new Date() }).where(eq(agreementPushToken.id, row.id));
  return { tokenId: row.id, agreementId: row.agreementId, municipalityId: row.municipalityId, prefix: row.prefix, label: row.label };
}
