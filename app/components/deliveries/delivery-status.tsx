// A delivery's status in words (never colour alone), with a shape for a quick scan.
import { useTranslation } from "../../i18n/use-translation";
import type { DeliveryStatus } from "../../../db/schema/deliveries";

const SYMBOL: Record<DeliveryStatus, string> = { processing: "…", accepted: "✓", rejected: "✗", superseded: "↺" };

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`koers-delivery-status koers-delivery-status--${status}`}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {t(`deliveries.statuses.${status}`)}
    </span>
  );
}
