// Who may open a live document, and whether they may write: the same rule for the websocket,
// the document pages, exports and history. A member of another municipality gets null (no leak).
import { and, eq, gt } from "drizzle-orm";
import { document, member as memberTable, session as sessionTable } from "../../../db/schema/index";
import { db } from "../../db.server";
import { can, isRole, type Role } from "../auth/roles";

export interface CollabContext {
  userId: string;
  userName: string;
  sessionId: string;
  documentId: string;
  municipalityId: string;
  role: Role;
}

export interface DocumentAccess {
  documentId: string;
  municipalityId: string;
  role: Role;
  status: "draft" | "approved";
  archived: boolean;
  writable: boolean;
}

const ID_PATTERN = /^[0-9a-f-]{36}$/i;

export async function documentAccess(userId: string, documentId: string): Promise<DocumentAccess | null> {
  if (!ID_PATTERN.test(documentId)) return null;
  const [row] = await db()
    .select({ municipalityId: document.municipalityId, status: document.status, archivedAt: document.archivedAt, role: memberTable.role })
    .from(document)
    .innerJoin(memberTable, and(eq(memberTable.organizationId, document.municipalityId), eq(memberTable.userId, userId)))
    .where(eq(document.id, documentId))
    .limit(1);
  if (!row || !isRole(row.role)) return null;
  return {
    documentId,
    municipalityId: row.municipalityId,
    role: row.role,
    status: row.status,
    archived: row.archivedAt !== null,
    writable: isWritable(row.role, row.status, row.archivedAt !== null),
  };
}

export function isWritable(role: Role, status: "draft" | "approved", archived: boolean): boolean {
  return can(role, { document: ["edit"] }) && status === "draft" && !archived;
}

export async function isSessionAlive(sessionId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: sessionTable.id })
    .from(sessionTable)
    .where(and(eq(sessionTable.id, sessionId), gt(sessionTable.expiresAt, new Date())))
    .limit(1);
  return Boolean(row);
}
