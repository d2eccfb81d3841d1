// Data health (and one expected delivery's status) as a badge: a shape and words, never colour alone.
import type { TFunction } from "i18next";
import type { DataHealthState } from "../../modules/deliveries/data-health";
import type { ExpectationStatus } from "../../modules/deliveries/timeliness";

const HEALTH_ICONS: Record<DataHealthState, string> = {
  missing: "✕",
  late: "⚠",
  on_time: "✓",
  awaiting_first: "…",
  unsigned: "✎",
  ended: "■",
  no_agreement: "–",
};

const STATUS_ICONS: Record<ExpectationStatus, string> = { open: "…", on_time: "✓", late: "⚠", missing: "✕", rejected: "⊘" };

/** "Gegevenslevering: Te laat" with its icon; `withMeaning` adds the sentence that explains it. */
export function DataHealthBadge({ state, t, withMeaning = false }: { state: DataHealthState; t: TFunction; withMeaning?: boolean }) {
  return (
    <>
      <span className={`koers-health koers-health--${state}`}>
        <span className="koers-health__icon" aria-hidden="true">
          {HEALTH_ICONS[state]}
        </span>
        <span>
          {t("timeliness.health.label")}: {t(`timeliness.health.states.${state}`)}
        </span>
      </span>
      {withMeaning ? <span className="koers-muted"> {t(`timeliness.health.explain.${state}`)}</span> : null}
    </>
  );
}

export function ExpectationStatusBadge({ status, t }: { status: ExpectationStatus; t: TFunction }) {
  return (
    <span className={`koers-health koers-health--${status}`}>
      <span className="koers-health__icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      <span>{t(`timeliness.expectationStatus.${status}`)}</span>
    </span>
  );
}
