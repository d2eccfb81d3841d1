// Who may do what in the training module; shared by server and pages.
import { can, type Role } from "../auth/roles";

/** Trainers and programme leads plan sessions, invite, log attendance and edit the checklists. */
export const canTrain = (role: Role): boolean => can(role, { training: ["log"] });

/** The coverage target is the programme's (it decides the phase-4 gate): programme leads set it. */
export const canSetCoverageTarget = (role: Role): boolean => can(role, { programme: ["update"] });
