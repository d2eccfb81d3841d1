// Training coverage, computed from who needs which topic (their role's checklist) and who covered
// it (attendance of a logged session that covered it). Pure, so the rules are unit-tested.

export interface CoveragePerson {
  userId: string;
  name: string;
  email: string;
  role: string;
  departmentId: string | null;
  departmentName: string | null;
}

export interface CoverageInput {
  people: CoveragePerson[];
  topics: { id: string; title: string }[];
  /** Topic ids each role must cover. */
  requirements: Map<string, Set<string>>;
  /** Covered topic ids per user. */
  covered: Map<string, Set<string>>;
}

export interface Share {
  required: number;
  covered: number;
  /** 0–100, one decimal; null when nobody needs the topic in this group. */
  percent: number | null;
}

export interface CoverageGroup {
  key: string;
  label: string | null;
  people: number;
  perTopic: Record<string, Share>;
  /** People of the group with a checklist who covered all of it. */
  fullyTrained: Share;
}

export interface CoverageResult {
  topics: { id: string; title: string; share: Share }[];
  byDepartment: CoverageGroup[];
  byRole: CoverageGroup[];
  overall: Share;
  /** Everyone with at least one topic still to cover, with those topics. */
  missing: (CoveragePerson & { missingTopicIds: string[] })[];
}

export function share(covered: number, required: number): Share {
  return { required, covered, percent: required === 0 ? null : Math.round((covered / required) * 1000) / 10 };
}

/** The department key of people without a department. */
export const NO_DEPARTMENT = "none";

function group(key: string, label: string | null, people: CoveragePerson[], input: CoverageInput): CoverageGroup {
  const perTopic: Record<string, Share> = {};
  for (const topic of input.topics) {
    const needing = people.filter((p) => input.requirements.get(p.role)?.has(topic.id));
    perTopic[topic.id] = share(needing.filter((p) => input.covered.get(p.userId)?.has(topic.id)).length, needing.length);
  }
  return { key, label, people: people.length, perTopic, fullyTrained: fully(people, input) };
}

const requiredOf = (p: CoveragePerson, input: CoverageInput, topicIds: Set<string>) => [...(input.requirements.get(p.role) ?? [])].filter((id) => topicIds.has(id));

function fully(people: CoveragePerson[], input: CoverageInput): Share {
  const topicIds = new Set(input.topics.map((t) => t.id));
  const endUsers = people.filter((p) => requiredOf(p, input, topicIds).length > 0);
  const done = endUsers.filter((p) => requiredOf(p, input, topicIds).every((id) => input.covered.get(p.userId)?.has(id)));
  return share(done.length, endUsers.length);
}

export function computeCoverage(input: CoverageInput): CoverageResult {
  const topicIds = new Set(input.topics.map((t) => t.id));
  const all = group("all", null, input.people, input);
  const departments = new Map<string, { label: string | null; people: CoveragePerson[] }>();
  const roles = new Map<string, CoveragePerson[]>();
  for (const p of input.people) {
    const key = p.departmentId ?? NO_DEPARTMENT;
    const entry = departments.get(key) ?? { label: p.departmentName, people: [] };
    entry.people.push(p);
    departments.set(key, entry);
    roles.set(p.role, [...(roles.get(p.role) ?? []), p]);
  }
  const byDepartment = [...departments.entries()]
    .map(([key, d]) => group(key, d.label, d.people, input))
    .sort((a, b) => (a.key === NO_DEPARTMENT ? 1 : b.key === NO_DEPARTMENT ? -1 : (a.label ?? "").localeCompare(b.label ?? "", "nl")));
  const byRole = [...roles.entries()].map(([role, people]) => group(role, role, people, input));
  const missing = input.people
    .map((p) => ({ ...p, missingTopicIds: requiredOf(p, input, topicIds).filter((id) => !input.covered.get(p.userId)?.has(id)) }))
    .filter((p) => p.missingTopicIds.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return {
    topics: input.topics.map((t) => ({ ...t, share: all.perTopic[t.id]! })),
    byDepartment,
    byRole,
    overall: all.fullyTrained,
    missing,
  };
}

/** The gate: at least one end user, and the share fully trained reaches the target. */
export function coverageMet(overall: Share, targetPercent: number): boolean {
  // Cross-multiplied in integers: (29 / 50) * 100 is 57.99… in floating point, missing a 58 % target.
  return overall.required > 0 && overall.covered * 100 >= targetPercent * overall.required;
}
