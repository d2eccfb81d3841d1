// How a KPI field's values over all rows of one delivery become the KPI's value for the period,
// as the agreement says: single (exactly one row), sum, mean, or count (rows with a value).
// Accumulated while the file streams by, so no row is kept for it.
import type { KpiAggregation } from "../../../../db/schema/agreements";

export type AggregateResult = { ok: true; value: number } | { ok: false; code: "singleNeedsOneRow" | "noValues"; values?: Record<string, number> };

export class KpiAccumulator {
  private rows = 0;
  private count = 0;
  private sum = 0;
  private first: number | null = null;

  /** One row's value for the field (null when the cell was empty). */
  add(value: number | boolean | string | null): void {
    this.rows++;
    if (value === null) return;
    const n = typeof value === "number" ? value : typeof value === "boolean" ? (value ? 1 : 0) : Number.NaN;
    this.count++;
    if (this.first === null) this.first = n;
    this.sum += n;
  }

  result(aggregation: KpiAggregation): AggregateResult {
    switch (aggregation) {
      case "count":
        return { ok: true, value: this.count };
      case "single":
        if (this.rows !== 1 || this.first === null) return { ok: false, code: "singleNeedsOneRow", values: { rows: this.rows } };
        return checked(this.first);
      case "sum":
        return this.count === 0 ? { ok: false, code: "noValues" } : checked(this.sum);
      case "mean":
        return this.count === 0 ? { ok: false, code: "noValues" } : checked(this.sum / this.count);
    }
  }
}

function checked(value: number): AggregateResult {
  // A text field cannot be summed; the agreement's editor should not allow it, but never store NaN.
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, code: "noValues" };
}
