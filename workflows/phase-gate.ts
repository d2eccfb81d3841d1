// The four phases of a programme and their gates, as a pure state machine:
// `transitionPhase(state, event, actor)` → the new state and the effects the command applies.
// Phases run in order: one is active at a time; closing its gate finishes it and starts the next.

export type PhaseStatus = "not_started" | "active" | "done";
export const PHASE_NUMBERS = [1, 2, 3, 4] as const;
export type PhaseNumber = (typeof PHASE_NUMBERS)[number];

export interface CriterionState {
  id: string;
  /** A criterion is met when ticked by hand, or when its computed check says so. */
  met: boolean;
}

export interface PhaseState {
  number: PhaseNumber;
  status: PhaseStatus;
  criteria: CriterionState[];
}

export type ProgrammeState = readonly PhaseState[];

export type PhaseEvent =
  | { type: "start"; phase: PhaseNumber }
  | { type: "close_gate"; phase: PhaseNumber }
  | { type: "reopen"; phase: PhaseNumber; reason: string };

export interface PhaseActor {
  role: string;
}

export type PhaseEffect =
  | { type: "audit"; action: "phase.started" | "phase.gate_closed" | "phase.reopened" | "phase.reset"; phase: PhaseNumber; details?: Record<string, unknown> }
  | { type: "set_status"; phase: PhaseNumber; status: PhaseStatus };

export type TransitionRefusal =
  | "not_allowed"
  | "unknown_phase"
  | "previous_not_done"
  | "not_not_started"
  | "another_phase_active"
  | "not_active"
  | "criteria_open"
  | "not_done"
  | "later_phase_done"
  | "reason_required";

export type TransitionResult = { ok: true; state: ProgrammeState; effects: PhaseEffect[] } | { ok: false; refusal: TransitionRefusal };

const MAY_STEER = new Set(["programme_lead"]);

function withStatus(state: ProgrammeState, changes: Partial<Record<PhaseNumber, PhaseStatus>>): ProgrammeState {
  return state.map((p) => (changes[p.number] ? { ...p, status: changes[p.number]! } : p));
}

export function transitionPhase(state: ProgrammeState, event: PhaseEvent, actor: PhaseActor): TransitionResult {
  if (!MAY_STEER.has(actor.role)) return { ok: false, refusal: "not_allowed" };
  const phase = state.find((p) => p.number === event.phase);
  if (!phase) return { ok: false, refusal: "unknown_phase" };
  const previous = state.find((p) => p.number === event.phase - 1);
  const next = state.find((p) => p.number === event.phase + 1);

  switch (event.type) {
    case "start": {
      if (phase.status !== "not_started") return { ok: false, refusal: "not_not_started" };
      if (previous && previous.status !== "done") return { ok: false, refusal: "previous_not_done" };
      if (state.some((p) => p.status === "active")) return { ok: false, refusal: "another_phase_active" };
      return {
        ok: true,
        state: withStatus(state, { [phase.number]: "active" }),
        effects: [
          { type: "set_status", phase: phase.number, status: "active" },
          { type: "audit", action: "phase.started", phase: phase.number },
        ],
      };
    }
    case "close_gate": {
      if (phase.status !== "active") return { ok: false, refusal: "not_active" };
      const open = phase.criteria.filter((c) => !c.met).map((c) => c.id);
      if (open.length > 0) return { ok: false, refusal: "criteria_open" };
      const effects: PhaseEffect[] = [
        { type: "set_status", phase: phase.number, status: "done" },
        { type: "audit", action: "phase.gate_closed", phase: phase.number, details: { criteria: phase.criteria.length } },
      ];
      const changes: Partial<Record<PhaseNumber, PhaseStatus>> = { [phase.number]: "done" };
      if (next && next.status === "not_started") {
        changes[next.number] = "active";
        effects.push({ type: "set_status", phase: next.number, status: "active" }, { type: "audit", action: "phase.started", phase: next.number, details: { after: `gate ${phase.number}` } });
      }
      return { ok: true, state: withStatus(state, changes), effects };
    }
    case "reopen": {
      const reason = event.reason.trim();
      if (reason.length < 3) return { ok: false, refusal: "reason_required" };
      if (phase.status !== "done") return { ok: false, refusal: "not_done" };
      // Only the most recent finished phase reopens; a later finished phase would have to reopen first.
      if (state.some((p) => p.number > phase.number && p.status === "done")) return { ok: false, refusal: "later_phase_done" };
      const changes: Partial<Record<PhaseNumber, PhaseStatus>> = { [phase.number]: "active" };
      const effects: PhaseEffect[] = [
        { type: "set_status", phase: phase.number, status: "active" },
        { type: "audit", action: "phase.reopened", phase: phase.number, details: { reason } },
      ];
      if (next && next.status === "active") {
        changes[next.number] = "not_started";
        effects.push({ type: "set_status", phase: next.number, status: "not_started" }, { type: "audit", action: "phase.reset", phase: next.number, details: { because: `phase ${phase.number} reopened` } });
      }
      return { ok: true, state: withStatus(state, changes), effects };
    }
  }
}
