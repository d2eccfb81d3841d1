// Data of the training journey (phase 4, tests/e2e/training.spec.ts), shared by its seed and its
// spec. Plain constants: importing this pulls in no database code.
export const TRAINING_MUNICIPALITY = { name: "Zoetermeer", cbsCode: "GM0637" } as const;
const PASSWORD = "Zonnige-koers-naar-2027!";
export const TRAINING_LEAD = { email: "lotte@e2e.koers.test", name: "Lotte Leidster", password: PASSWORD } as const;
export const TRAINING_TRAINER = { email: "tobias@e2e.koers.test", name: "Tobias Trainer", password: PASSWORD } as const;
/** Registered for the past session (and attends it); works in Publiekszaken. */
export const TRAINING_STAFF = { email: "sanne@e2e.koers.test", name: "Sanne Stafmedewerker", password: PASSWORD, department: "Publiekszaken" } as const;
/** Not registered anywhere yet: the trainer invites her to the new session; works in Stadsontwikkeling. */
export const TRAINING_INVITEE = { email: "ilse@e2e.koers.test", name: "Ilse Uitgenodigd", password: PASSWORD, department: "Stadsontwikkeling" } as const;
/**
 * Yesterday 09:00–10:00 (Amsterdam), taught by the trainer, the staff member registered, not logged
 * yet: on the trainer's "Nog te registreren" list. Plans the three topics of the staff checklist.
 */
export const PAST_SESSION = {
  title: "Kennismaking met het dashboard",
  location: "Stadhuis, zaal 2.14",
  startTime: "09:00",
  endTime: "10:00",
  topics: ["Dashboard lezen", "Spelregels kennen", "Levering uploaden"],
} as const;
