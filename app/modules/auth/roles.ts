// The five municipality roles and what each may do, as better-auth access-control statements.
// Shared by server (enforcement) and client (hiding what a role cannot use).
import { createAccessControl } from "better-auth/plugins/access";

export const ROLES = ["programme_lead", "department_owner", "staff", "trainer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const statements = {
  municipality: ["update"],
  member: ["invite", "update", "remove"],
  department: ["create", "update", "delete"],
  externalSource: ["create", "update", "delete"],
  programme: ["read", "update"],
  document: ["edit", "approve"],
  /** Focus areas (manage: choose, add, retire) and policy maps / transition answers (edit). */
  strategy: ["edit", "manage"],
  /** Maturity quickscan rounds (manage: create, invite, open, close) and answering when invited. */
  quickscan: ["manage", "answer"],
  /** KPIs: define (choose, edit definitions, targets, relations), enter measurements by hand, manage (retire, benchmark sharing). */
  kpi: ["edit", "measure", "manage"],
  agreement: ["review", "sign", "manage"],
  delivery: ["upload"],
  task: ["work", "manage"],
  training: ["log"],
  audit: ["read"],
} as const;

export const ac = createAccessControl(statements);

export const roles = {
  programme_lead: ac.newRole({
    municipality: ["update"],
    member: ["invite", "update", "remove"],
    department: ["create", "update", "delete"],
    externalSource: ["create", "update", "delete"],
    programme: ["read", "update"],
    document: ["edit", "approve"],
    strategy: ["edit", "manage"],
    quickscan: ["manage", "answer"],
    kpi: ["edit", "measure", "manage"],
    agreement: ["review", "sign", "manage"],
    delivery: ["upload"],
    task: ["work", "manage"],
    training: ["log"],
    audit: ["read"],
  }),
  department_owner: ac.newRole({
    programme: ["read"],
    document: ["edit"],
    strategy: ["edit"],
    quickscan: ["answer"],
    kpi: ["edit", "measure"],
    agreement: ["review", "sign"],
    delivery: ["upload"],
    task: ["work"],
    audit: ["read"],
  }),
  staff: ac.newRole({
    programme: ["read"],
    document: ["edit"],
    strategy: ["edit"],
    quickscan: ["answer"],
    kpi: ["measure"],
    delivery: ["upload"],
    task: ["work"],
  }),
  trainer: ac.newRole({
    programme: ["read"],
    quickscan: ["answer"],
    training: ["log"],
    task: ["work"],
  }),
  viewer: ac.newRole({
    programme: ["read"],
    audit: ["read"],
  }),
} satisfies Record<Role, unknown>;

export type Permission = { [K in keyof typeof statements]?: (typeof statements)[K][number][] };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return roles[role].authorize(permission as never).success;
}
