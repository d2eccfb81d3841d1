// Small pieces the KPI dashboard and the KPI page share: the traffic light as text with a shape
// (never colour alone), and the value with the KPI's decimals in the reader's language.
import type { TFunction } from "i18next";
import { useTranslation } from "../../i18n/use-translation";
import { formatNumber } from "../../modules/kpis/number-format";
import type { TrafficLight } from "../../modules/kpis/traffic-light";

/** A different shape per colour, so the light reads without colour vision too. */
const ICONS: Record<TrafficLight | "none", string> = { green: "●", amber: "▲", red: "■", none: "○" };

/** The traffic light as icon and words; `t` from the caller (a dashboard renders a hundred). */
export function TrafficLightBadge({ light, withMeaning = false, t }: { light: TrafficLight | null; withMeaning?: boolean; t: TFunction }) {
  const key = light ?? "none";
  return (
    <span className={`koers-light koers-light--${key}`}>
      <span className="koers-light__icon" aria-hidden="true">
        {ICONS[key]}
      </span>
      <span>
        {t("kpiDashboard.light.label")}: {t(`kpiDashboard.light.${key}`)}
        {withMeaning ? ` (${t(`kpiDashboard.light.${key}Meaning`)})` : null}
      </span>
    </span>
  );
}

/** Formats KPI values in the page's language with the KPI's decimals. */
export function useKpiNumber(decimals: number) {
  const { i18n } = useTranslation();
  return (value: number, options?: { signed?: boolean }) => formatNumber(value, decimals, i18n.language, options);
}

/** "6,4 Rapportcijfer 1-10" — a value with its unit, when it has one. */
export function withUnit(text: string, unit: string | null): string {
  return unit ? `${text} ${unit}` : text;
}
