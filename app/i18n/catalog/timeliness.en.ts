// English strings of phase 3's timeliness (mirrors timeliness.nl.ts).
import type { timelinessAuditNl, timelinessAuditObjectsNl, timelinessNl } from "./timeliness.nl";

export const timelinessEn: typeof timelinessNl = {
  health: {
    label: "Data delivery",
    states: {
      missing: "Missing",
      late: "Late",
      on_time: "On time",
      awaiting_first: "Awaiting first delivery",
      unsigned: "Agreement not signed yet",
      ended: "Agreement expired or terminated",
      no_agreement: "No delivery agreement",
    },
    explain: {
      missing: "The latest delivery is past its deadline and still not (accepted) in.",
      late: "The latest delivery came in after its deadline.",
      on_time: "The latest delivery came in on time.",
      awaiting_first: "The agreement is in force, but no delivery is due yet.",
      unsigned: "An agreement is being prepared (draft, in review or awaiting signatures).",
      ended: "The agreement that fed this KPI expired, was replaced without this KPI, or was terminated.",
      no_agreement: "No delivery agreement supplies data for this KPI.",
    },
  },
  kpiPage: {
    heading: "Data delivery",
    intro: "Apart from the traffic light: is this KPI's data coming in as agreed?",
    state: "State",
    lastDelivered: "Last delivered",
    lastDeliveredValue: "{{date}}, period {{period}}, by {{party}}, under agreement {{reference}}",
    noDelivery: "No accepted delivery yet.",
    agreements: "Agreements that feed this KPI",
    agreementLine: "{{reference}} version {{version}}: {{title}} ({{party}}) · {{status}}",
    noAgreements: "No agreement feeds this KPI yet.",
  },
  overview: {
    heading: "Data delivery of the KPIs",
    intro: "Per KPI: is the data coming in as agreed? {{total}} KPIs in all.",
    none: "There are no KPIs yet.",
    link: "To phase 3: deliveries per department",
  },
  phase: {
    heading: "Deliveries per department and source",
    intro: "Per department and external source: the delivery agreements and how the expected deliveries of the past year went. A delivery is on time when it was accepted by its deadline day; late when it came in after; missing when the deadline passed without an accepted delivery; rejected when only rejected attempts came in.",
    gateHeading: "Where the gate stands",
    kpisFed: "KPIs fed by an agreement in force",
    kpisFedValue: "{{fedKpis}} of {{kpis}}",
    firstOnTime: "First deliveries on time (per dataset)",
    firstOnTimeValue: "{{firstOnTime}} of {{datasets}}",
    agreementsByStatus: "Agreements by status",
    noAgreementsAtAll: "No delivery agreements yet.",
    noParties: "There are no departments or external sources yet.",
    kinds: { department: "Department", external_source: "External source" },
    agreements: "Agreements",
    noAgreements: "No agreement.",
    deliveries: "Expected deliveries (past year)",
    countsCaption: "Expected deliveries of {{name}} by state",
    problemsCaption: "Late, missing and rejected deliveries of {{name}}",
    noProblems: "No late or missing deliveries.",
    columns: { agreement: "Agreement", dataset: "Dataset", period: "Period", dueOn: "Deadline", status: "State", received: "Received" },
    notReceived: "–",
    allAgreements: "All agreements",
    deliveriesLink: "All deliveries",
  },
  expectationStatus: { open: "Not due yet", on_time: "On time", late: "Late", missing: "Missing", rejected: "Rejected" },
  agreementStatus: {
    draft: "Draft",
    in_review: "In review",
    awaiting_signatures: "Awaiting signatures",
    active: "In force",
    superseded: "Superseded",
    terminated: "Terminated",
  },
  notifications: {
    reminder: "Reminder: {{party}} delivers “{{dataset}}” for {{period}} by {{dueDate}} ({{reference}}).",
    due: "Deadline today: {{party}} delivers “{{dataset}}” for {{period}} by today, {{dueDate}} ({{reference}}).",
    escalated: "Escalation: “{{dataset}}” for {{period}} from {{party}} is still missing; the deadline was {{dueDate}} ({{reference}}).",
    open: "View agreement",
  },
  mail: {
    reminder: {
      subject: "Reminder: delivery “{{dataset}}” for {{period}} due by {{dueDate}}",
      body: "Under agreement {{agreement}}, {{party}} delivers the data “{{dataset}}” for {{period}} to {{municipality}} by {{dueDate}}. That delivery has not come in yet.",
      button: "Go to the agreement",
    },
    due: {
      subject: "Deadline today: delivery “{{dataset}}” for {{period}}",
      body: "Today, {{dueDate}}, is the deadline for the delivery “{{dataset}}” for {{period}} by {{party}} to {{municipality}} (agreement {{agreement}}). The delivery has not come in yet.",
      button: "Go to the agreement",
    },
    escalation: {
      subject: "Escalation: delivery “{{dataset}}” for {{period}} is missing",
      body: "The delivery “{{dataset}}” for {{period}} by {{party}} to {{municipality}} (agreement {{agreement}}) was due by {{dueDate}} and is still missing. As agreed, this now goes to the programme lead.",
      button: "Go to phase 3's deliveries",
    },
  },
};

export const timelinessAuditEn: typeof timelinessAuditNl = {
  "delivery.expectations_planned": "expected deliveries planned",
  "delivery.reminder_sent": "delivery reminder sent",
  "delivery.due_reminder_sent": "deadline-day reminder sent",
  "delivery.escalated": "missing delivery escalated to the programme lead",
};

export const timelinessAuditObjectsEn: typeof timelinessAuditObjectsNl = { delivery_expectation: "expected delivery", delivery_agreement: "delivery agreement" };
