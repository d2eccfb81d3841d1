import { z } from "zod";
import { ROLES } from "../auth/roles";
import { emailField } from "../auth/schema";

export const roleField = z.enum(ROLES, { error: "members.errors.roleInvalid" });

export const inviteSchema = z.object({ email: emailField, role: roleField });
export const changeRoleSchema = z.object({ memberId: z.string().min(1), role: roleField });
