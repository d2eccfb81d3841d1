import type { PhaseNumber } from "../../../workflows/phase-gate";
import { PHASE_NUMBERS } from "../../../workflows/phase-gate";
import { notFound } from "../auth/guards.server";

/** The phase number from a URL segment; anything but 1–4 is a 404. */
export function phaseFromParam(param: string | undefined): PhaseNumber {
  const n = PHASE_NUMBERS.find((p) => String(p) === param);
  if (n === undefined) throw notFound();
  return n;
}
