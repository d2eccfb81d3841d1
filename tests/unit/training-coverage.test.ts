// The pure parts of the training module: coverage (per topic, department and role, fully trained,
// the missing list, the phase-4 gate threshold), the calendar invitation (.ics) and Dutch local time.
import { describe, expect, it } from "vitest";
import { computeCoverage, coverageMet, NO_DEPARTMENT, share, type CoverageInput, type CoveragePerson } from "../../app/modules/training/coverage";
import { icsAttachment, sessionIcs, type SessionEvent } from "../../app/modules/training/ics";
import { formatSessionTime, instantToLocal, localToInstant } from "../../app/modules/training/local-time";

const person = (userId: string, name: string, role: string, department: [string, string] | null = null): CoveragePerson => ({
  userId,
  name,
  email: `${userId}@gemeente.test`,
  role,
  departmentId: department?.[0] ?? null,
  departmentName: department?.[1] ?? null,
});

const FIN: [string, string] = ["d-fin", "Financiën"];
const SOC: [string, string] = ["d-soc", "Sociaal domein"];

/**
 * Topics: dash (staff, owner), upload (staff), kpi (owner). Viewers have no checklist.
 * anna (staff, Fin) covered dash+upload → fully trained; bram (staff, Soc) covered dash only;
 * cor (owner, Fin) covered dash+kpi → fully; dirk (staff, no department) nothing;
 * eva (viewer, Soc) covered dash (not required for her).
 */
function input(): CoverageInput {
  return {
    people: [
      person("anna", "Anna", "staff", FIN),
      person("bram", "Bram", "staff", SOC),
      person("cor", "Cor", "department_owner", FIN),
      person("dirk", "Dirk", "staff"),
      person("eva", "Eva", "viewer", SOC),
    ],
    topics: [
      { id: "dash", title: "Dashboard lezen" },
      { id: "upload", title: "Levering uploaden" },
      { id: "kpi", title: "KPI-definitie wijzigen" },
    ],
    requirements: new Map([
      ["staff", new Set(["dash", "upload"])],
      ["department_owner", new Set(["dash", "kpi"])],
    ]),
    covered: new Map([
      ["anna", new Set(["dash", "upload"])],
      ["bram", new Set(["dash"])],
      ["cor", new Set(["dash", "kpi"])],
      ["eva", new Set(["dash"])],
    ]),
  };
}

describe("share", () => {
  it("gives a percentage with one decimal, and null when nobody is required", () => {
    expect(share(1, 3)).toEqual({ required: 3, covered: 1, percent: 33.3 });
    expect(share(2, 3)).toEqual({ required: 3, covered: 2, percent: 66.7 });
    expect(share(5, 5)).toEqual({ required: 5, covered: 5, percent: 100 });
    expect(share(0, 4)).toEqual({ required: 4, covered: 0, percent: 0 });
    expect(share(0, 0)).toEqual({ required: 0, covered: 0, percent: null });
  });
});

describe("computeCoverage", () => {
  const result = computeCoverage(input());

  it("counts per topic only the people whose role needs it", () => {
    const byId = Object.fromEntries(result.topics.map((t) => [t.id, t]));
    // dash: anna, bram, cor, dirk need it (eva is a viewer): three covered it.
    expect(byId.dash!.share).toEqual({ required: 4, covered: 3, percent: 75 });
    // upload: the three staff; only anna.
    expect(byId.upload!.share).toEqual({ required: 3, covered: 1, percent: 33.3 });
    // kpi: cor only.
    expect(byId.kpi!.share).toEqual({ required: 1, covered: 1, percent: 100 });
    expect(result.topics.map((t) => t.title)).toEqual(["Dashboard lezen", "Levering uploaden", "KPI-definitie wijzigen"]);
  });

  it("counts fully trained among end users only (people with a checklist)", () => {
    // anna and cor of anna, bram, cor, dirk; eva has no checklist and is not counted.
    expect(result.overall).toEqual({ required: 4, covered: 2, percent: 50 });
  });

  it("groups by department, people without a department last under their own key", () => {
    expect(result.byDepartment.map((d) => [d.key, d.label, d.people])).toEqual([
      ["d-fin", "Financiën", 2],
      ["d-soc", "Sociaal domein", 2],
      [NO_DEPARTMENT, null, 1],
    ]);
    const [fin, soc, none] = result.byDepartment;
    expect(fin!.fullyTrained).toEqual({ required: 2, covered: 2, percent: 100 });
    expect(fin!.perTopic.upload).toEqual({ required: 1, covered: 1, percent: 100 });
    expect(fin!.perTopic.kpi).toEqual({ required: 1, covered: 1, percent: 100 });
    // Sociaal domein: bram (staff) and eva (viewer, no checklist).
    expect(soc!.fullyTrained).toEqual({ required: 1, covered: 0, percent: 0 });
    expect(soc!.perTopic.dash).toEqual({ required: 1, covered: 1, percent: 100 });
    expect(soc!.perTopic.kpi).toEqual({ required: 0, covered: 0, percent: null });
    expect(none!.fullyTrained).toEqual({ required: 1, covered: 0, percent: 0 });
    expect(none!.perTopic.dash).toEqual({ required: 1, covered: 0, percent: 0 });
  });

  it("sorts departments by name (Dutch collation), whatever the order people come in", () => {
    const i = input();
    i.people.reverse();
    expect(computeCoverage(i).byDepartment.map((d) => d.key)).toEqual(["d-fin", "d-soc", NO_DEPARTMENT]);
  });

  it("groups by role; a role without a checklist has null percentages", () => {
    const byRole = Object.fromEntries(result.byRole.map((g) => [g.key, g]));
    expect(Object.keys(byRole).sort()).toEqual(["department_owner", "staff", "viewer"]);
    expect(byRole.staff!.people).toBe(3);
    expect(byRole.staff!.fullyTrained).toEqual({ required: 3, covered: 1, percent: 33.3 });
    expect(byRole.staff!.perTopic.dash).toEqual({ required: 3, covered: 2, percent: 66.7 });
    expect(byRole.staff!.perTopic.kpi!.percent).toBeNull();
    expect(byRole.department_owner!.fullyTrained).toEqual({ required: 1, covered: 1, percent: 100 });
    expect(byRole.viewer!.fullyTrained).toEqual({ required: 0, covered: 0, percent: null });
    expect(byRole.viewer!.perTopic.dash).toEqual({ required: 0, covered: 0, percent: null });
  });

  it("lists who still has topics to cover, by name, with exactly those topics", () => {
    expect(result.missing.map((m) => [m.userId, m.missingTopicIds])).toEqual([
      ["bram", ["upload"]],
      ["dirk", ["dash", "upload"]],
    ]);
    expect(result.missing[0]).toMatchObject({ name: "Bram", email: "bram@gemeente.test", departmentName: "Sociaal domein" });
  });

  it("ignores requirements of topics that are not current (retired topics leave the checklist)", () => {
    const i = input();
    i.topics = i.topics.filter((t) => t.id !== "upload");
    const r = computeCoverage(i);
    // Without "upload", bram is fully trained; dirk still misses dash.
    expect(r.overall).toEqual({ required: 4, covered: 3, percent: 75 });
    expect(r.missing.map((m) => [m.userId, m.missingTopicIds])).toEqual([["dirk", ["dash"]]]);
    expect(r.topics.map((t) => t.id)).toEqual(["dash", "kpi"]);
  });

  it("has no end users and a null percentage when no role has a checklist", () => {
    const i = input();
    i.requirements = new Map();
    const r = computeCoverage(i);
    expect(r.overall).toEqual({ required: 0, covered: 0, percent: null });
    expect(r.missing).toEqual([]);
    expect(r.topics.every((t) => t.share.percent === null)).toBe(true);
    expect(coverageMet(r.overall, 1)).toBe(false);
  });

  it("handles nobody at all", () => {
    const r = computeCoverage({ people: [], topics: [{ id: "dash", title: "D" }], requirements: new Map([["staff", new Set(["dash"])]]), covered: new Map() });
    expect(r.overall.percent).toBeNull();
    expect(r.byDepartment).toEqual([]);
    expect(r.byRole).toEqual([]);
    expect(r.topics[0]!.share).toEqual({ required: 0, covered: 0, percent: null });
  });
});

describe("coverageMet (the phase-4 gate)", () => {
  it("is met exactly at the target and not just below it", () => {
    expect(coverageMet(share(4, 5), 80)).toBe(true);
    expect(coverageMet(share(3, 5), 80)).toBe(false);
    expect(coverageMet(share(79, 99), 80)).toBe(false);
    expect(coverageMet(share(80, 100), 80)).toBe(true);
    expect(coverageMet(share(5, 5), 100)).toBe(true);
    expect(coverageMet(share(4, 5), 100)).toBe(false);
  });

  it("is met exactly at every integer target the share hits (no floating-point misses)", () => {
    const misses: string[] = [];
    for (let required = 1; required <= 200; required++) {
      for (let covered = 0; covered <= required; covered++) {
        const percent = (covered * 100) / required;
        if (!Number.isInteger(percent) || percent === 0) continue;
        if (!coverageMet(share(covered, required), percent)) misses.push(`${covered}/${required} at ${percent}%`);
        if (coverageMet(share(covered - 1, required), percent)) misses.push(`${covered - 1}/${required} at ${percent}%`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("is never met without end users", () => {
    expect(coverageMet(share(0, 0), 1)).toBe(false);
    expect(coverageMet(share(0, 0), 100)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
const lines = (ics: string) => unfold(ics).split("\r\n");
const field = (ics: string, name: string) => lines(ics).filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

function event(overrides: Partial<SessionEvent> = {}): SessionEvent {
  return {
    sessionId: "3f1c2a9e-5b7d-4c1e-9a8f-0123456789ab",
    sequence: 0,
    title: "Dashboard lezen voor teamleiders",
    description: "Neem je laptop mee.",
    startsAt: new Date("2026-12-08T08:30:00Z"),
    endsAt: new Date("2026-12-08T11:00:00Z"),
    location: "Stadhuis, zaal 2",
    onlineUrl: "https://meet.example.nl/koers",
    url: "http://localhost:3000/g/GM0363/training/sessies/3f1c2a9e-5b7d-4c1e-9a8f-0123456789ab",
    organizer: { name: "Tess Trainer", email: "trainer@amsterdam.test" },
    attendee: { name: "Sanne Staf", email: "sanne@amsterdam.test" },
    municipality: "Amsterdam",
    ...overrides,
  };
}

describe("sessionIcs", () => {
  it("is one VEVENT in a VCALENDAR with CRLF line endings", () => {
    const ics = sessionIcs(event());
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(lines(ics).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("keeps the UID stable per session (across changes) and distinct between sessions", () => {
    const first = field(sessionIcs(event()), "UID");
    const moved = field(sessionIcs(event({ sequence: 3, startsAt: new Date("2026-12-09T08:30:00Z"), endsAt: new Date("2026-12-09T10:00:00Z"), title: "Nieuw" })), "UID");
    const cancelled = field(sessionIcs(event({ sequence: 4 }), "CANCEL"), "UID");
    expect(first).toEqual(["UID:training-3f1c2a9e-5b7d-4c1e-9a8f-0123456789ab@koers"]);
    expect(moved).toEqual(first);
    expect(cancelled).toEqual(first);
    expect(field(sessionIcs(event({ sessionId: "other" })), "UID")).toEqual(["UID:training-other@koers"]);
    // A different attendee gets the same event.
    expect(field(sessionIcs(event({ attendee: { name: "Otto", email: "otto@amsterdam.test" } })), "UID")).toEqual(first);
  });

  it("carries the SEQUENCE", () => {
    expect(field(sessionIcs(event()), "SEQUENCE")).toEqual(["SEQUENCE:0"]);
    expect(field(sessionIcs(event({ sequence: 7 })), "SEQUENCE")).toEqual(["SEQUENCE:7"]);
  });

  it("is a REQUEST (confirmed) by default and a CANCEL with STATUS:CANCELLED", () => {
    const request = sessionIcs(event());
    expect(field(request, "METHOD")).toEqual(["METHOD:REQUEST"]);
    expect(field(request, "STATUS")).toEqual(["STATUS:CONFIRMED"]);
    const cancel = sessionIcs(event({ sequence: 1 }), "CANCEL");
    expect(field(cancel, "METHOD")).toEqual(["METHOD:CANCEL"]);
    expect(field(cancel, "STATUS")).toEqual(["STATUS:CANCELLED"]);
  });

  it("writes DTSTART and DTEND in UTC", () => {
    const ics = sessionIcs(event());
    expect(field(ics, "DTSTART")).toEqual(["DTSTART:20261208T083000Z"]);
    expect(field(ics, "DTEND")).toEqual(["DTEND:20261208T110000Z"]);
    // Summer time: 09:30 in Amsterdam is 07:30 UTC.
    const summer = sessionIcs(event({ startsAt: localToInstant("2026-07-01", "09:30"), endsAt: localToInstant("2026-07-01", "12:00") }));
    expect(field(summer, "DTSTART")).toEqual(["DTSTART:20260701T073000Z"]);
    expect(field(summer, "DTEND")).toEqual(["DTEND:20260701T100000Z"]);
  });

  it("names the trainer as organizer and the recipient as attendee, by mailto", () => {
    const ics = sessionIcs(event());
    const [organizer] = field(ics, "ORGANIZER");
    const [attendee, ...more] = field(ics, "ATTENDEE");
    expect(more).toEqual([]);
    expect(organizer).toMatch(/CN="?Tess Trainer"?/);
    expect(organizer!.toLowerCase()).toMatch(/:mailto:trainer@amsterdam\.test$/);
    expect(attendee).toMatch(/CN="?Sanne Staf"?/);
    expect(attendee).toMatch(/RSVP=TRUE/);
    expect(attendee!.toLowerCase()).toMatch(/:mailto:sanne@amsterdam\.test$/);
  });

  it("puts the place, the online link and the Koers link in", () => {
    const ics = unfold(sessionIcs(event()));
    expect(ics).toContain("SUMMARY:Dashboard lezen voor teamleiders");
    expect(ics).toMatch(/LOCATION:Stadhuis\\?, zaal 2 · https:\/\/meet\.example\.nl\/koers/);
    expect(ics).toContain("Online: https://meet.example.nl/koers");
    expect(ics).toContain("Koers: http://localhost:3000/g/GM0363/training/sessies/3f1c2a9e-5b7d-4c1e-9a8f-0123456789ab");
    const inPerson = unfold(sessionIcs(event({ onlineUrl: null, description: null })));
    expect(inPerson).not.toContain("Online:");
    expect(inPerson).toMatch(/LOCATION:Stadhuis\\?, zaal 2\r\n/);
  });

  it("refuses input the library cannot encode rather than producing a broken file", () => {
    expect(() => sessionIcs(event({ startsAt: new Date(Number.NaN) }))).toThrow();
  });
});

describe("icsAttachment", () => {
  it("round-trips the text through base64 (UTF-8 intact) with the method in the content type", () => {
    const ics = sessionIcs(event({ title: "Spelregels — één keer uitleggen", location: "Café ’t Hoekje" }));
    const request = icsAttachment(ics, "REQUEST");
    expect(request.filename).toBe("training.ics");
    expect(request.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(request.contentBase64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const decoded = Buffer.from(request.contentBase64, "base64").toString("utf8");
    expect(decoded).toBe(ics);
    expect(unfold(decoded)).toContain("Spelregels — één keer uitleggen");

    const cancel = icsAttachment(sessionIcs(event(), "CANCEL"), "CANCEL");
    expect(cancel.filename).toBe("training-geannuleerd.ics");
    expect(cancel.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
    expect(Buffer.from(cancel.contentBase64, "base64").toString("utf8")).toContain("METHOD:CANCEL");
  });
});

// ---------------------------------------------------------------------------------------------

describe("local time (Europe/Amsterdam)", () => {
  it("reads winter time as UTC+1 and summer time as UTC+2", () => {
    expect(localToInstant("2026-12-08", "09:30").toISOString()).toBe("2026-12-08T08:30:00.000Z");
    expect(localToInstant("2026-07-01", "09:30").toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(localToInstant("2026-01-01", "00:00").toISOString()).toBe("2025-12-31T23:00:00.000Z");
  });

  it("switches on the last Sundays of March and October", () => {
    // 29 March 2026: 02:00 → 03:00. Before: +1, after: +2.
    expect(localToInstant("2026-03-29", "01:30").toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(localToInstant("2026-03-29", "03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 25 October 2026: 03:00 → 02:00.
    expect(localToInstant("2026-10-24", "12:00").toISOString()).toBe("2026-10-24T10:00:00.000Z");
    expect(localToInstant("2026-10-26", "12:00").toISOString()).toBe("2026-10-26T11:00:00.000Z");
  });

  it("turns instants back into the local date and time they were planned in", () => {
    for (const [date, time] of [
      ["2026-12-08", "09:30"],
      ["2026-07-01", "13:05"],
      ["2026-03-29", "03:30"],
      ["2026-10-25", "12:00"],
      ["2026-12-31", "23:45"],
      ["2027-01-01", "00:00"],
    ] as const) {
      expect(instantToLocal(localToInstant(date, time))).toEqual({ date, time });
    }
    // An instant late in the UTC day is the next local day.
    expect(instantToLocal(new Date("2026-06-30T22:30:00Z"))).toEqual({ date: "2026-07-01", time: "00:30" });
  });

  it("formats a session's time in Dutch and English, in Amsterdam time", () => {
    const start = localToInstant("2026-12-08", "09:30");
    const end = localToInstant("2026-12-08", "12:00");
    expect(formatSessionTime(start, end, "nl")).toBe("dinsdag 8 december 2026, 09:30–12:00");
    expect(formatSessionTime(start, end, "en")).toBe("Tuesday, 8 December 2026, 09:30–12:00");
    // Summer time, and any unknown locale falls back to Dutch.
    expect(formatSessionTime(localToInstant("2026-07-01", "14:00"), localToInstant("2026-07-01", "15:30"), "nl")).toBe("woensdag 1 juli 2026, 14:00–15:30");
    expect(formatSessionTime(localToInstant("2026-07-01", "14:00"), localToInstant("2026-07-01", "15:30"), "de")).toBe("woensdag 1 juli 2026, 14:00–15:30");
  });
});
