// The model's default exit criteria per phase (see ../shared/design/domain.md). Criteria with a
// `computed` key will be checked from real data once the module behind them exists; until then a
// lead ticks them by hand.
import type { DbOrTx } from "../../../db/client";
import type { PhaseNumber } from "../../../workflows/phase-gate";
import { documentGateChecks } from "../documents/gate-checks.server";
import { kpiGateChecks } from "../kpis/gate-checks.server";
import { deliveryGateChecks } from "../deliveries/gate-checks.server";
import { strategyGateChecks } from "../strategy/gate-checks.server";
import { trainingGateChecks } from "../training/coverage.server";

export interface CriterionTemplate {
  key: string;
  computed?: string;
}

export const GATE_TEMPLATES: Record<PhaseNumber, CriterionTemplate[]> = {
  1: [
    { key: "visionApproved", computed: "documents.vision_approved" },
    { key: "quickscanDone", computed: "strategy.quickscan_done" },
    { key: "policyMapsSet", computed: "strategy.policy_maps_complete" },
    { key: "transitionQuestionsAnswered", computed: "strategy.transition_answered" },
  ],
  2: [
    { key: "kpisDefined", computed: "kpis.all_defined" },
    { key: "kpisOwned", computed: "kpis.all_owned" },
    { key: "kpiSetAdopted" },
  ],
  3: [
    { key: "kpisFedByAgreements", computed: "agreements.all_kpis_fed" },
    { key: "firstDeliveriesOnTime", computed: "deliveries.first_on_time" },
    { key: "escalationAgreed" },
  ],
  4: [
    { key: "rulesApproved", computed: "documents.rules_approved" },
    { key: "usersTrained", computed: "training.coverage_80" },
    { key: "goLiveDecided" },
  ],
};

/**
 * Computed checks that exist so far. A key not listed here is not yet computable: the criterion
 * is ticked by hand, and the UI says it will be computed later.
 */
export type ComputedCheck = (municipalityId: string, database: DbOrTx) => Promise<boolean>;

/** Checks run inside the caller's transaction when there is one (PGlite has one connection). */
export const COMPUTED_CHECKS: Record<string, ComputedCheck> = {
  ...documentGateChecks,
  ...strategyGateChecks,
  ...kpiGateChecks,
  ...deliveryGateChecks,
  ...trainingGateChecks,
};
