// Loader data of the deliveries panel on an agreement's page (see agreement-deliveries-panel.tsx).
import type { Member } from "../auth/guards.server";
import { can } from "../auth/roles";
import { latestDeliveriesOfAgreement, type DeliveryListItem } from "./deliveries.server";
import { listDeliverableDatasets } from "./delivery-target.server";
import { deliveringDepartments } from "./delivery-rights.server";

export interface AgreementDeliveriesPanelData {
  agreementId: string;
  latest: DeliveryListItem[];
  /** "agreementId/datasetKey" to preselect in the upload form; null when the member may not upload or nothing is active. */
  uploadTarget: string | null;
}

export async function loadAgreementDeliveriesPanel(member: Member, agreementId: string): Promise<AgreementDeliveriesPanelData> {
  const latest = await latestDeliveriesOfAgreement(member, agreementId);
  const datasets = can(member.role, { delivery: ["upload"] }) ? await listDeliverableDatasets(member.municipalityId, { agreementId, departments: await deliveringDepartments(member) }) : [];
  return { agreementId, latest, uploadTarget: datasets[0] ? `${datasets[0].agreementId}/${datasets[0].datasetKey}` : null };
}
