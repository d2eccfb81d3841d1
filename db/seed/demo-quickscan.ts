// Demo content for the maturity quickscan: a closed baseline round ("Nulmeting") that four demo
// colleagues answered, so the results page shows a radar chart and a later round has something to
// be compared with. Answers are fixed (not random), so the demo looks the same every time.
import type { DbOrTx } from "../client";
import { scanAnswer, scanResponse, scanRound } from "../schema/index";
import { recordAudit } from "../../app/modules/audit/audit.server";
import { referenceInstrument } from "../../app/modules/strategy/quickscan/instrument";

export const DEMO_SCAN_ROUND = "Nulmeting 2026";

/** Per respondent: a base level per dimension (in instrument order), and statements left at "weet niet". */
const PROFILES: { base: number[]; dontKnow: string[] }[] = [
  { base: [3, 2, 2, 2, 3, 4, 2], dontKnow: [] },
  { base: [2, 2, 3, 2, 2, 3, 1], dontKnow: ["kennis-2"] },
  { base: [3, 1, 2, 3, 2, 4, 2], dontKnow: ["data_ict-3", "privacy-1"] },
  { base: [2, 2, 2, 2, 3, 3, 2], dontKnow: [] },
];

export async function seedDemoQuickscan(
  tx: DbOrTx,
  municipalityId: string,
  leadUserId: string,
  respondents: { userId: string; departmentId: string | null }[],
): Promise<void> {
  const instrument = referenceInstrument();
  const roundId = crypto.randomUUID();
  const closedAt = new Date(Date.now() - 14 * 24 * 3600 * 1000);
  const openedAt = new Date(closedAt.getTime() - 21 * 24 * 3600 * 1000);
  await tx.insert(scanRound).values({
    id: roundId,
    municipalityId,
    name: DEMO_SCAN_ROUND,
    status: "closed",
    instrument,
    createdByUserId: leadUserId,
    openedAt,
    closedAt,
    createdAt: openedAt,
  });
  for (const [i, respondent] of respondents.entries()) {
    const profile = PROFILES[i % PROFILES.length]!;
    const responseId = crypto.randomUUID();
    const submittedAt = new Date(openedAt.getTime() + (i + 2) * 24 * 3600 * 1000);
    await tx.insert(scanResponse).values({
      id: responseId,
      roundId,
      municipalityId,
      userId: respondent.userId,
      departmentId: respondent.departmentId,
      invitedByUserId: leadUserId,
      invitedAt: openedAt,
      startedAt: submittedAt,
      submittedAt,
    });
    const rows = instrument.dimensions.flatMap((d, di) =>
      d.statements.map((_, si) => {
        const dontKnow = profile.dontKnow.includes(`${d.key}-${si}`);
        // A small, fixed variation around the base level, kept on the 1–5 scale.
        const value = Math.min(5, Math.max(1, profile.base[di]! + ((si + i) % 3) - 1));
        return { responseId, roundId, municipalityId, dimensionKey: d.key, statementIndex: si, value: dontKnow ? null : value, updatedAt: submittedAt };
      }),
    );
    await tx.insert(scanAnswer).values(rows);
  }
  const actor = { userId: null, label: "Koers demo seed" };
  await recordAudit(tx, { municipalityId, actor, action: "quickscan.round_created", objectType: "scan_round", objectId: roundId, details: { name: DEMO_SCAN_ROUND } });
  await recordAudit(tx, { municipalityId, actor, action: "quickscan.round_closed", objectType: "scan_round", objectId: roundId, details: { name: DEMO_SCAN_ROUND, submitted: respondents.length } });
}
