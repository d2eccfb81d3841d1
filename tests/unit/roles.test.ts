import { describe, expect, it } from "vitest";
import { can, isRole, ROLES, statements, type Permission, type Role } from "../../app/modules/auth/roles";

const allowed: Record<Role, Permission> = {
  programme_lead: statements as unknown as Permission,
  department_owner: { programme: ["read"], document: ["edit"], strategy: ["edit"], quickscan: ["answer"], kpi: ["edit", "measure"], agreement: ["review", "sign"], delivery: ["upload"], task: ["work"], audit: ["read"] },
  staff: { programme: ["read"], document: ["edit"], strategy: ["edit"], quickscan: ["answer"], kpi: ["measure"], delivery: ["upload"], task: ["work"] },
  trainer: { programme: ["read"], quickscan: ["answer"], training: ["log"], task: ["work"] },
  viewer: { programme: ["read"], audit: ["read"] },
};

/** Every single (resource, action) pair of the statements. */
const everyAction = Object.entries(statements).flatMap(([resource, actions]) => actions.map((action) => ({ resource, action })));

describe("can()", () => {
  for (const role of ROLES) {
    it(`grants ${role} exactly its permissions`, () => {
      const granted = allowed[role] as Record<string, readonly string[]>;
      for (const { resource, action } of everyAction) {
        const expected = granted[resource]?.includes(action) ?? false;
        expect(can(role, { [resource]: [action] } as Permission), `${role} ${resource}:${action}`).toBe(expected);
      }
    });
  }

  it("requires every requested action", () => {
    expect(can("department_owner", { agreement: ["review", "sign"] })).toBe(true);
    expect(can("department_owner", { agreement: ["review", "manage"] })).toBe(false);
    expect(can("staff", { programme: ["read"], audit: ["read"] })).toBe(false);
  });

  it("keeps the key rules of the domain", () => {
    expect(can("programme_lead", { member: ["invite"] })).toBe(true);
    expect(ROLES.filter((r) => can(r, { member: ["invite"] }))).toEqual(["programme_lead"]);
    expect(ROLES.filter((r) => can(r, { department: ["create"] }))).toEqual(["programme_lead"]);
    expect(ROLES.every((r) => can(r, { programme: ["read"] }))).toBe(true);
    expect(ROLES.filter((r) => can(r, { audit: ["read"] }))).toEqual(["programme_lead", "department_owner", "viewer"]);
    // Only leads shape the frame and run scan rounds; a viewer never answers a scan.
    expect(ROLES.filter((r) => can(r, { strategy: ["manage"] }))).toEqual(["programme_lead"]);
    expect(ROLES.filter((r) => can(r, { quickscan: ["manage"] }))).toEqual(["programme_lead"]);
    expect(can("viewer", { quickscan: ["answer"] })).toBe(false);
    // KPI definitions by leads and department owners; trainers and viewers only read KPIs.
    expect(ROLES.filter((r) => can(r, { kpi: ["edit"] }))).toEqual(["programme_lead", "department_owner"]);
    expect(ROLES.filter((r) => can(r, { kpi: ["manage"] }))).toEqual(["programme_lead"]);
    expect(can("trainer", { kpi: ["measure"] }) || can("viewer", { kpi: ["measure"] })).toBe(false);
  });
});

describe("isRole", () => {
  it("knows the five roles only", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    expect(isRole("owner")).toBe(false);
    expect(isRole("admin")).toBe(false);
    expect(isRole("")).toBe(false);
  });
});
