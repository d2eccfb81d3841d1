import { describe, expect, it } from "vitest";
import { createI18n } from "../../app/i18n/i18n";
import { fastT } from "../../app/i18n/fast-t";

describe("fastT", () => {
  const nl = createI18n("nl");
  const en = createI18n("en");

  it("gives what i18next gives: plain keys, interpolation and plurals, per language", () => {
    const t = fastT(nl);
    expect(t("kpiDashboard.light.label")).toBe(nl.t("kpiDashboard.light.label"));
    expect(t("kpiDashboard.light.label")).toBe("Stoplicht");
    expect(t("kpiDashboard.card.target", { year: 2026 })).toBe("Streefwaarde 2026");
    expect(t("kpiDashboard.card.sparkline", { count: 1, first: "1", last: "2" })).toBe("1 meting: 2.");
    expect(t("kpiDashboard.card.sparkline", { count: 12, first: "1", last: "2" })).toBe("12 metingen, van 1 naar 2.");
    expect(fastT(en)("kpiDashboard.light.label")).toBe(en.t("kpiDashboard.light.label"));
    expect(fastT(en)("kpiDashboard.light.label")).not.toBe("Stoplicht");
  });

  it("keeps results apart by their options, also when asked again", () => {
    const t = fastT(nl);
    for (let i = 0; i < 3; i++) {
      expect(t("kpiDashboard.card.target", { year: 2025 })).toBe("Streefwaarde 2025");
      expect(t("kpiDashboard.card.target", { year: 2026 })).toBe("Streefwaarde 2026");
      expect(t("kpiDashboard.card.libraryCode", { code: "a\u0000b" })).toBe("Bibliotheek: a\u0000b");
    }
  });

  it("is one function per instance, and passes arrays of keys and rich options through", () => {
    expect(fastT(nl)).toBe(fastT(nl));
    expect(fastT(nl)).not.toBe(fastT(en));
    const t = fastT(nl);
    expect(t(["does.not.exist", "kpiDashboard.light.label"])).toBe("Stoplicht");
    expect(t("kpiDashboard.card.libraryCode", { code: { toString: () => "X" } } as never)).toBe(nl.t("kpiDashboard.card.libraryCode", { code: { toString: () => "X" } } as never));
    expect(t("does.not.exist", { defaultValue: "Standaard" })).toBe("Standaard");
  });

  it("keeps working when it starts afresh after many distinct calls", () => {
    const t = fastT(nl);
    for (let i = 0; i < 21_000; i++) expect(t("kpiDashboard.card.target", { year: i })).toBe(`Streefwaarde ${i}`);
    expect(t("kpiDashboard.light.label")).toBe("Stoplicht");
  });
});
