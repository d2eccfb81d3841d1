// Seeds a database for the collaboration tests, BEFORE the server starts (PGlite allows one
// process per data dir): two municipalities, users of different roles, documents, and real
// better-auth sessions (signInEmail; the cookie is signed with BETTER_AUTH_SECRET, which the
// server shares). Prints one line `SEED <json>` with what the tests need.
// Run: node --import tsx tests/collab/support/seed.ts [--documents N]   (PGLITE_DIR or DATABASE_URL set)
import { eq } from "drizzle-orm";
import { closeDatabase, db, useDatabase } from "../../../app/db.server";
import { auth } from "../../../app/modules/auth/auth.server";
import type { Member } from "../../../app/modules/auth/guards.server";
import type { Role } from "../../../app/modules/auth/roles";
import { acceptInvitation, inviteMember } from "../../../app/modules/members/members.server";
import { createDb, migrateDb } from "../../../db/client";
import { document } from "../../../db/schema/index";
import { createMunicipalityWithLead, createVerifiedUser, memberOf, TEST_PASSWORD } from "../../integration/support/factories";
import type { SeedResult, SeededUser } from "./types";

async function joined(lead: Member, email: string, role: Role): Promise<Member> {
  const invited = await inviteMember(lead, { email, role });
  if (!invited.ok) throw new Error(`invite ${email} failed: ${invited.error}`);
  const u = await createVerifiedUser(email);
  const accepted = await acceptInvitation({ userId: u.id, name: u.name, email: u.email }, invited.invitationId, "127.0.0.1");
  if (!accepted.ok) throw new Error(`accept ${email} failed: ${accepted.error}`);
  return memberOf(u.id, lead.cbsCode);
}

async function signedIn(member: Member): Promise<SeededUser> {
  const result = await auth().api.signInEmail({ body: { email: member.email, password: TEST_PASSWORD }, returnHeaders: true });
  const cookie = result.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("koers.session_token="));
  if (!cookie) throw new Error(`no session cookie for ${member.email}`);
  return { id: member.userId, email: member.email, role: member.role, cookie };
}

async function addDocument(member: Member, title: string): Promise<string> {
  const id = crypto.randomUUID();
  await db().insert(document).values({ id, municipalityId: member.municipalityId, phaseNumber: 1, kind: "free", title, createdBy: member.userId });
  return id;
}

async function main() {
  const at = process.argv.indexOf("--documents");
  const documentCount = at > 0 ? Number(process.argv[at + 1]) : 12;
  const handle = await createDb();
  useDatabase(handle);
  try {
    await migrateDb(handle);
    const leadA = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@collab-a.test");
    const staffA = await joined(leadA, "staff@collab-a.test", "staff");
    const ownerA = await joined(leadA, "owner@collab-a.test", "department_owner");
    const viewerA = await joined(leadA, "viewer@collab-a.test", "viewer");
    const leadB = await createMunicipalityWithLead("GM0344", "Utrecht", "lead@collab-b.test");

    const documents: string[] = [];
    for (let i = 1; i <= documentCount; i++) documents.push(await addDocument(leadA, `Samenwerkdocument ${i}`));
    const approvedDocument = await addDocument(leadA, "Vastgesteld document");
    await db().update(document).set({ status: "approved", approvedAt: new Date(), approvedBy: leadA.userId }).where(eq(document.id, approvedDocument));
    const otherMunicipalityDocument = await addDocument(leadB, "Document van Utrecht");

    const result: SeedResult = {
      users: {
        leadA: await signedIn(leadA),
        staffA: await signedIn(staffA),
        ownerA: await signedIn(ownerA),
        viewerA: await signedIn(viewerA),
        leadB: await signedIn(leadB),
      },
      documents,
      approvedDocument,
      otherMunicipalityDocument,
    };
    process.stdout.write(`SEED ${JSON.stringify(result)}\n`);
  } finally {
    await closeDatabase();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
