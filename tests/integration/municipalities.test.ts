import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "../../app/db.server";
import { listAuditEvents, verifyAuditChain } from "../../app/modules/audit/audit.server";
import { createMunicipality, listMunicipalitiesOf } from "../../app/modules/municipalities/municipalities.server";
import { member } from "../../db/schema/index";
import { useTestDatabase } from "./support/db";
import { createMunicipalityWithLead, createVerifiedUser } from "./support/factories";

useTestDatabase();

describe("creating a municipality", () => {
  it("makes the creator its programme lead and records it in the audit log", async () => {
    const lead = await createMunicipalityWithLead("GM0363", "Amsterdam", "lead@amsterdam.test");
    expect(lead.role).toBe("programme_lead");
    const mine = await listMunicipalitiesOf(lead.userId);
    expect(mine.map((m) => m.cbsCode)).toEqual(["GM0363"]);
    const { events } = await listAuditEvents(db(), lead.municipalityId);
    expect(events.map((e) => e.action)).toContain("municipality.created");
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("refuses a CBS code that is already taken, and one that is no municipality", async () => {
    const other = await createVerifiedUser("someone@utrecht.test");
    const creator = { userId: other.id, userName: other.name, email: other.email };
    expect(await createMunicipality(creator, { name: "Utrecht", cbsCode: "GM0344" }, "127.0.0.1")).toEqual({ ok: true, cbsCode: "GM0344" });
    expect(await createMunicipality(creator, { name: "Utrecht 2", cbsCode: "gm0344" }, "127.0.0.1")).toMatchObject({ ok: false, error: "cbsTaken" });
    expect(await createMunicipality(creator, { name: "Nergens", cbsCode: "GM9999" }, "127.0.0.1")).toMatchObject({ ok: false, error: "cbsUnknown" });
    const memberships = await db().select().from(member).where(eq(member.userId, other.id));
    expect(memberships).toHaveLength(1);
  });
});
