import { describe, expect, it } from "vitest";
import { countHealth, kpiDataHealth, type KpiFeed } from "../../app/modules/deliveries/data-health";
import { dueOnFor, expectationStatus, periodEnd, periodsToPlan, reminderDays } from "../../app/modules/deliveries/timeliness";
import { addWorkingDays, amsterdamDay, amsterdamTime, isWorkingDay } from "../../app/modules/deliveries/working-days";
import { parsePeriod } from "../../app/modules/kpis/periods";
import { renderMail } from "../../emails/templates";

describe("working days (Monday–Friday minus the holidays of the Algemene termijnenwet)", () => {
  it("skips weekends and the Dutch public holidays, Liberation Day included, Good Friday not", () => {
    for (const holiday of ["2026-01-01", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26", "2030-05-05"]) {
      expect(isWorkingDay(holiday), holiday).toBe(false);
    }
    expect(isWorkingDay("2026-04-03")).toBe(true); // Good Friday
    expect(isWorkingDay("2026-05-04")).toBe(true); // Remembrance Day is a working day
    expect(isWorkingDay("2026-03-28")).toBe(false); // Saturday
    expect(isWorkingDay("2026-03-30")).toBe(true);
  });

  it("counts 10 working days after Q1 2026 across Easter: 15 April 2026", () => {
    const q1 = parsePeriod("quarter", "2026-Q1")!;
    expect(periodEnd(q1)).toBe("2026-03-31");
    expect(dueOnFor(q1, 10)).toBe("2026-04-15");
  });

  it("counts across King's Day, Liberation Day and Ascension", () => {
    expect(addWorkingDays("2026-04-24", 3)).toBe("2026-04-30");
    expect(dueOnFor(parsePeriod("month", "2026-04")!, 10)).toBe("2026-05-18");
    expect(dueOnFor(parsePeriod("quarter", "2026-Q4")!, 10)).toBe("2027-01-15");
    expect(dueOnFor(parsePeriod("year", "2025")!, 0)).toBe("2025-12-31");
  });

  it("counts backwards for the reminder, and keeps a 0 as the day itself", () => {
    expect(addWorkingDays("2026-04-15", -5)).toBe("2026-04-08");
    expect(addWorkingDays("2026-04-08", -5)).toBe("2026-03-31");
    expect(addWorkingDays("2026-04-15", 0)).toBe("2026-04-15");
    expect(reminderDays("2026-04-15", { reminderWorkingDaysBefore: 5, graceWorkingDays: 5 })).toEqual({ before: "2026-04-08", on_due: "2026-04-15", escalation: "2026-04-22" });
  });

  it("sends at 08:00 Amsterdam time in winter and in summer, and knows Amsterdam's day", () => {
    expect(amsterdamTime("2026-03-27", 8).toISOString()).toBe("2026-03-27T07:00:00.000Z");
    expect(amsterdamTime("2026-03-30", 8).toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(amsterdamDay(new Date("2026-04-15T22:30:00Z"))).toBe("2026-04-16");
    expect(amsterdamDay(new Date("2026-04-15T21:59:00Z"))).toBe("2026-04-15");
  });
});

describe("planning periods", () => {
  const version = { frequency: "quarter" as const, startDate: "2026-02-10", endDate: null, deadlineWorkingDays: 10 };

  it("plans from the period holding the start date up to the current one", () => {
    expect(periodsToPlan(version, "2026-08-01").map((p) => [p.period.label, p.dueOn])).toEqual([
      ["2026-Q1", "2026-04-15"],
      ["2026-Q2", "2026-07-14"],
      ["2026-Q3", "2026-10-14"],
    ]);
    expect(periodsToPlan(version, "2025-12-31")).toEqual([]);
  });

  it("never plans a period that begins after the end date", () => {
    expect(periodsToPlan({ ...version, endDate: "2026-06-30" }, "2027-01-01").map((p) => p.period.label)).toEqual(["2026-Q1", "2026-Q2"]);
    expect(periodsToPlan({ ...version, frequency: "month", endDate: "2026-03-15" }, "2026-12-01").map((p) => p.period.label)).toEqual(["2026-02", "2026-03"]);
  });
});

describe("status of an expected delivery", () => {
  const due = "2026-04-15";
  it("is open before its due day and missing after it", () => {
    expect(expectationStatus({ dueOn: due, fulfilledOn: null, rejectedAttempts: 0 }, "2026-04-15")).toBe("open");
    expect(expectationStatus({ dueOn: due, fulfilledOn: null, rejectedAttempts: 0 }, "2026-04-16")).toBe("missing");
  });
  it("is on time when accepted on or before the due day, late after it", () => {
    expect(expectationStatus({ dueOn: due, fulfilledOn: "2026-04-15", rejectedAttempts: 0 }, "2026-05-01")).toBe("on_time");
    expect(expectationStatus({ dueOn: due, fulfilledOn: "2026-04-16", rejectedAttempts: 2 }, "2026-05-01")).toBe("late");
  });
  it("is rejected when the only attempts were rejected", () => {
    expect(expectationStatus({ dueOn: due, fulfilledOn: null, rejectedAttempts: 1 }, "2026-04-10")).toBe("rejected");
    expect(expectationStatus({ dueOn: due, fulfilledOn: null, rejectedAttempts: 1 }, "2026-05-10")).toBe("rejected");
  });
});

describe("data health of a KPI", () => {
  const today = "2026-06-01";
  const active = (latest: KpiFeed["latest"], endDate: string | null = null): KpiFeed => ({ versionStatus: "active", endDate, latest });

  it("says no agreement, unsigned or ended when no agreement in force feeds it", () => {
    expect(kpiDataHealth([], today)).toBe("no_agreement");
    expect(kpiDataHealth([{ versionStatus: "draft", endDate: null, latest: null }], today)).toBe("unsigned");
    expect(kpiDataHealth([{ versionStatus: "awaiting_signatures", endDate: null, latest: null }, { versionStatus: "terminated", endDate: null, latest: "on_time" }], today)).toBe("unsigned");
    expect(kpiDataHealth([{ versionStatus: "terminated", endDate: null, latest: "on_time" }], today)).toBe("ended");
    expect(kpiDataHealth([{ versionStatus: "superseded", endDate: null, latest: "on_time" }], today)).toBe("ended");
    expect(kpiDataHealth([active("on_time", "2026-05-31")], today)).toBe("ended");
  });

  it("follows the latest due delivery when an agreement is in force, worst dataset first", () => {
    expect(kpiDataHealth([active(null)], today)).toBe("awaiting_first");
    expect(kpiDataHealth([active("on_time", "2026-06-01")], today)).toBe("on_time");
    expect(kpiDataHealth([active("late")], today)).toBe("late");
    expect(kpiDataHealth([active("rejected")], today)).toBe("missing");
    expect(kpiDataHealth([active("on_time"), active("missing"), active("late")], today)).toBe("missing");
    expect(kpiDataHealth([active("on_time"), { versionStatus: "draft", endDate: null, latest: null }], today)).toBe("on_time");
  });

  it("counts states for the overview", () => {
    const counts = countHealth(["late", "late", "no_agreement"]);
    expect(counts.late).toBe(2);
    expect(counts.no_agreement).toBe(1);
    expect(counts.on_time).toBe(0);
  });
});

describe("delivery reminder mails", () => {
  const props = {
    name: "Bram de Vries",
    url: "http://localhost:3000/g/GM0050/overeenkomsten/0b0c8f9e-0000-4000-8000-000000000001",
    municipality: "Zeewolde",
    agreement: "GLO-2026-001 — Meldingen openbare ruimte",
    dataset: "Meldingen per wijk",
    period: "2026-Q1",
    party: "Stadsbeheer",
    dueDate: "2026-04-15",
  };

  it("reminds in Dutch with the deadline as a date and the link", async () => {
    const mail = await renderMail("delivery-reminder", props, "nl");
    expect(mail.subject).toBe("Herinnering: levering “Meldingen per wijk” over 2026-Q1 uiterlijk 15 april 2026");
    expect(mail.text).toContain("Volgens overeenkomst GLO-2026-001 — Meldingen openbare ruimte levert Stadsbeheer de gegevens “Meldingen per wijk” over 2026-Q1 aan Zeewolde uiterlijk op 15 april 2026.");
    expect(mail.html).toContain(`href="${props.url}"`);
  });

  it("escalates in English when the recipient reads English", async () => {
    const mail = await renderMail("delivery-escalation", props, "en");
    expect(mail.subject).toBe("Escalation: delivery “Meldingen per wijk” for 2026-Q1 is missing");
    expect(mail.text).toContain("was due by 15 April 2026 and is still missing");
    const due = await renderMail("delivery-due", props, "nl");
    expect(due.subject).toBe("Vandaag is de termijn: levering “Meldingen per wijk” over 2026-Q1");
  });
});
