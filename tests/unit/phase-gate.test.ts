import { describe, expect, it } from "vitest";
import { transitionPhase, type PhaseNumber, type PhaseState, type PhaseStatus, type ProgrammeState } from "../../workflows/phase-gate";

const lead = { role: "programme_lead" };
const met = (id: string) => ({ id, met: true });
const open = (id: string) => ({ id, met: false });

/** A programme of four phases with the given statuses; criteria per phase optional. */
function programme(statuses: [PhaseStatus, PhaseStatus, PhaseStatus, PhaseStatus], criteria: Partial<Record<PhaseNumber, PhaseState["criteria"]>> = {}): ProgrammeState {
  return statuses.map((status, i) => {
    const number = (i + 1) as PhaseNumber;
    return { number, status, criteria: criteria[number] ?? [met(`c${number}`)] };
  });
}

const statuses = (state: ProgrammeState) => state.map((p) => p.status);

describe("transitionPhase: start", () => {
  it("starts phase 1 of a fresh programme", () => {
    const state = programme(["not_started", "not_started", "not_started", "not_started"]);
    const result = transitionPhase(state, { type: "start", phase: 1 }, lead);
    expect(result).toEqual({
      ok: true,
      state: expect.anything(),
      effects: [
        { type: "set_status", phase: 1, status: "active" },
        { type: "audit", action: "phase.started", phase: 1 },
      ],
    });
    if (result.ok) expect(statuses(result.state)).toEqual(["active", "not_started", "not_started", "not_started"]);
  });

  it("starts a later phase once the previous one is done and none is active", () => {
    const state = programme(["done", "done", "not_started", "not_started"]);
    const result = transitionPhase(state, { type: "start", phase: 3 }, lead);
    expect(result.ok && result.effects).toEqual([
      { type: "set_status", phase: 3, status: "active" },
      { type: "audit", action: "phase.started", phase: 3 },
    ]);
    expect(result.ok && statuses(result.state)).toEqual(["done", "done", "active", "not_started"]);
  });

  it("does not change the state it is given", () => {
    const state = programme(["not_started", "not_started", "not_started", "not_started"]);
    const copy = structuredClone(state);
    transitionPhase(state, { type: "start", phase: 1 }, lead);
    expect(state).toEqual(copy);
  });

  it("refuses a phase that is active or done", () => {
    expect(transitionPhase(programme(["active", "not_started", "not_started", "not_started"]), { type: "start", phase: 1 }, lead)).toEqual({ ok: false, refusal: "not_not_started" });
    expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "start", phase: 1 }, lead)).toEqual({ ok: false, refusal: "not_not_started" });
    expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "start", phase: 2 }, lead)).toEqual({ ok: false, refusal: "not_not_started" });
  });

  it("refuses when the previous phase is not done", () => {
    expect(transitionPhase(programme(["not_started", "not_started", "not_started", "not_started"]), { type: "start", phase: 2 }, lead)).toEqual({ ok: false, refusal: "previous_not_done" });
    expect(transitionPhase(programme(["active", "not_started", "not_started", "not_started"]), { type: "start", phase: 2 }, lead)).toEqual({ ok: false, refusal: "previous_not_done" });
    expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "start", phase: 3 }, lead)).toEqual({ ok: false, refusal: "previous_not_done" });
    expect(transitionPhase(programme(["done", "done", "not_started", "not_started"]), { type: "start", phase: 4 }, lead)).toEqual({ ok: false, refusal: "previous_not_done" });
  });

  it("refuses while another phase is active", () => {
    expect(transitionPhase(programme(["not_started", "active", "not_started", "not_started"]), { type: "start", phase: 1 }, lead)).toEqual({ ok: false, refusal: "another_phase_active" });
    expect(transitionPhase(programme(["done", "done", "not_started", "active"]), { type: "start", phase: 3 }, lead)).toEqual({ ok: false, refusal: "another_phase_active" });
  });
});

describe("transitionPhase: close_gate", () => {
  it("closes an active phase whose criteria are all met and starts the next", () => {
    const state = programme(["active", "not_started", "not_started", "not_started"], { 1: [met("a"), met("b")] });
    const result = transitionPhase(state, { type: "close_gate", phase: 1 }, lead);
    expect(result.ok && result.effects).toEqual([
      { type: "set_status", phase: 1, status: "done" },
      { type: "audit", action: "phase.gate_closed", phase: 1, details: { criteria: 2 } },
      { type: "set_status", phase: 2, status: "active" },
      { type: "audit", action: "phase.started", phase: 2, details: { after: "gate 1" } },
    ]);
    expect(result.ok && statuses(result.state)).toEqual(["done", "active", "not_started", "not_started"]);
  });

  it("closes a gate without criteria", () => {
    const state = programme(["done", "active", "not_started", "not_started"], { 2: [] });
    const result = transitionPhase(state, { type: "close_gate", phase: 2 }, lead);
    expect(result.ok && result.effects).toEqual([
      { type: "set_status", phase: 2, status: "done" },
      { type: "audit", action: "phase.gate_closed", phase: 2, details: { criteria: 0 } },
      { type: "set_status", phase: 3, status: "active" },
      { type: "audit", action: "phase.started", phase: 3, details: { after: "gate 2" } },
    ]);
    expect(result.ok && statuses(result.state)).toEqual(["done", "done", "active", "not_started"]);
  });

  it("closing phase 4 finishes the programme and starts nothing", () => {
    const state = programme(["done", "done", "done", "active"], { 4: [met("x"), met("y"), met("z")] });
    const result = transitionPhase(state, { type: "close_gate", phase: 4 }, lead);
    expect(result.ok && result.effects).toEqual([
      { type: "set_status", phase: 4, status: "done" },
      { type: "audit", action: "phase.gate_closed", phase: 4, details: { criteria: 3 } },
    ]);
    expect(result.ok && statuses(result.state)).toEqual(["done", "done", "done", "done"]);
  });

  it("refuses while a criterion is open", () => {
    const state = programme(["active", "not_started", "not_started", "not_started"], { 1: [met("a"), open("b"), met("c")] });
    expect(transitionPhase(state, { type: "close_gate", phase: 1 }, lead)).toEqual({ ok: false, refusal: "criteria_open" });
  });

  it("refuses a phase that is not active", () => {
    expect(transitionPhase(programme(["not_started", "not_started", "not_started", "not_started"]), { type: "close_gate", phase: 1 }, lead)).toEqual({ ok: false, refusal: "not_active" });
    expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "close_gate", phase: 1 }, lead)).toEqual({ ok: false, refusal: "not_active" });
    expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "close_gate", phase: 3 }, lead)).toEqual({ ok: false, refusal: "not_active" });
  });
});

describe("transitionPhase: reopen", () => {
  it("reopens the last finished phase and resets the phase that followed it", () => {
    const state = programme(["done", "active", "not_started", "not_started"]);
    const result = transitionPhase(state, { type: "reopen", phase: 1, reason: "  visie is herzien  " }, lead);
    expect(result.ok && result.effects).toEqual([
      { type: "set_status", phase: 1, status: "active" },
      { type: "audit", action: "phase.reopened", phase: 1, details: { reason: "visie is herzien" } },
      { type: "set_status", phase: 2, status: "not_started" },
      { type: "audit", action: "phase.reset", phase: 2, details: { because: "phase 1 reopened" } },
    ]);
    expect(result.ok && statuses(result.state)).toEqual(["active", "not_started", "not_started", "not_started"]);
  });

  it("reopens phase 4 after the programme finished, resetting nothing", () => {
    const state = programme(["done", "done", "done", "done"]);
    const result = transitionPhase(state, { type: "reopen", phase: 4, reason: "nog niet klaar" }, lead);
    expect(result.ok && result.effects).toEqual([
      { type: "set_status", phase: 4, status: "active" },
      { type: "audit", action: "phase.reopened", phase: 4, details: { reason: "nog niet klaar" } },
    ]);
    expect(result.ok && statuses(result.state)).toEqual(["done", "done", "done", "active"]);
  });

  it("accepts a reason of exactly three characters after trimming", () => {
    const result = transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "reopen", phase: 1, reason: " abc " }, lead);
    expect(result.ok).toBe(true);
  });

  it("requires a reason of at least three characters after trimming", () => {
    const state = programme(["done", "active", "not_started", "not_started"]);
    for (const reason of ["", "   ", "ab", "  ab  ", "\n\tx\n"]) {
      expect(transitionPhase(state, { type: "reopen", phase: 1, reason }, lead)).toEqual({ ok: false, refusal: "reason_required" });
    }
  });

  it("refuses a phase that is not done", () => {
    expect(transitionPhase(programme(["active", "not_started", "not_started", "not_started"]), { type: "reopen", phase: 1, reason: "reden" }, lead)).toEqual({ ok: false, refusal: "not_done" });
    expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "reopen", phase: 3, reason: "reden" }, lead)).toEqual({ ok: false, refusal: "not_done" });
  });

  it("refuses when a later phase is done", () => {
    expect(transitionPhase(programme(["done", "done", "active", "not_started"]), { type: "reopen", phase: 1, reason: "reden" }, lead)).toEqual({ ok: false, refusal: "later_phase_done" });
    expect(transitionPhase(programme(["done", "done", "done", "done"]), { type: "reopen", phase: 2, reason: "reden" }, lead)).toEqual({ ok: false, refusal: "later_phase_done" });
  });
});

describe("transitionPhase: refusals for any event", () => {
  it("refuses an unknown phase", () => {
    const state = programme(["done", "done", "done", "done"]);
    for (const phase of [0, 5, 1.5]) {
      expect(transitionPhase(state, { type: "start", phase: phase as PhaseNumber }, lead)).toEqual({ ok: false, refusal: "unknown_phase" });
      expect(transitionPhase(state, { type: "close_gate", phase: phase as PhaseNumber }, lead)).toEqual({ ok: false, refusal: "unknown_phase" });
      expect(transitionPhase(state, { type: "reopen", phase: phase as PhaseNumber, reason: "reden" }, lead)).toEqual({ ok: false, refusal: "unknown_phase" });
    }
  });

  for (const role of ["department_owner", "staff", "trainer", "viewer", "", "admin"]) {
    it(`refuses every transition for role ${JSON.stringify(role)}`, () => {
      const actor = { role };
      expect(transitionPhase(programme(["not_started", "not_started", "not_started", "not_started"]), { type: "start", phase: 1 }, actor)).toEqual({ ok: false, refusal: "not_allowed" });
      expect(transitionPhase(programme(["active", "not_started", "not_started", "not_started"]), { type: "close_gate", phase: 1 }, actor)).toEqual({ ok: false, refusal: "not_allowed" });
      expect(transitionPhase(programme(["done", "active", "not_started", "not_started"]), { type: "reopen", phase: 1, reason: "reden" }, actor)).toEqual({ ok: false, refusal: "not_allowed" });
    });
  }
});
