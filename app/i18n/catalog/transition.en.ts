// English UI strings for this feature; mirror transition.nl.ts exactly.
import type { transitionNl } from "./transition.nl";

export const transitionEn: typeof transitionNl = {
  title: "Transition questions",
  intro:
    "Five questions the team answers together: where do we start, where does the organisation stand and what does it take to steer on performance and data. Each answer is saved on its own. If a teammate changed an answer in the meantime, you see that first; nothing is overwritten unseen.",
  progress: "{{answered}} of {{total}} questions answered",
  toPhase: "Back to phase 1",
  readOnly: "You can read the answers, but not change them.",
  phaseDone: "Phase 1 is finished; the answers are fixed. A programme lead can reopen the phase to change them.",
  questionLabel: "Question {{n}}",
  answerLabel: "The team's answer",
  answerHint: "At most 5000 characters.",
  notAnswered: "Not answered yet.",
  lastChanged: "Last changed by {{name}} on {{date}}.",
  clearedBy: "Answer cleared by {{name}} on {{date}}.",
  unknownUser: "a former member",
  save: "Save answer",
  clear: "Clear answer",
  clearIntro: "The answer is emptied for the whole team. The question then no longer counts as answered.",
  clearConfirm: "Yes, clear the answer",
  newerVersion: "Note: {{name}} changed this answer after you opened the form. If you save, you will first see both texts.",
  notices: {
    saved: "Answer saved: {{question}}",
    cleared: "Answer cleared: {{question}}",
    unchanged: "The answer was already saved like this: {{question}}",
  },
  conflict: {
    title: "Not saved: {{name}} changed this answer in the meantime (on {{date}}).",
    yours: "Your own text is not lost: it is still in the input field.",
    theirs: "The text saved now, by {{name}}:",
    theirsEmpty: "{{name}} cleared the answer; no text is saved now.",
    next: "Compare both texts, keep what you want in the input field and then save again.",
    nextClear: "If you still want to clear the answer, choose 'Clear answer' again.",
  },
  errors: {
    answerRequired: "Enter an answer. To empty the saved answer, use 'Clear answer'.",
    answerTooLong: "The answer can be at most 5000 characters long.",
    unknownQuestion: "This question does not exist. Refresh the page.",
    versionInvalid: "This form is out of date. Refresh the page and try again.",
    phaseDone: "Phase 1 is finished; the answers are fixed. A programme lead can reopen the phase to change them.",
    notFound: "This municipality has no phase 1. Refresh the page.",
    notAllowed: "You may not answer the transition questions.",
  },
  questions: {
    domains_first: {
      title: "Which domains or focus areas do we start with, and why those?",
      help: "Think big, start small. Choose one or two domains with political urgency, where the data is reasonably in order and a department is keen to start. Also name what deliberately comes later.",
    },
    readiness: {
      title: "How ready is the organisation to change, and where do we expect resistance?",
      help: "How do the executive board, management, team leads and staff view steering on performance and figures? Where is support, where doubt? What did earlier attempts teach us, such as a previous planning and control cycle or a dashboard nobody used?",
    },
    culture: {
      title: "Which culture do we want, and what has to change for it?",
      help: "Describe the behaviour that goes with steering on information: being open about disappointing figures, learning rather than blaming, departments owning their results. What changes in meetings, reports to the executive and the council, and the role of managers?",
    },
    expertise: {
      title: "Which knowledge and skills do we need, and how do we get them?",
      help: "Think of data analysis, information management, formulating goals and KPIs, privacy and visualisation. What is already in house? Do we arrange the rest through training, new roles, hiring or regional cooperation?",
    },
    data_ict: {
      title: "Which conditions must data and ICT meet?",
      help: "Which sources and systems are needed (case management, financial administration, base registers, external sources such as CBS or the police)? Who owns the data? What do we arrange for quality, privacy (GDPR) and information security (BIO), and what does this ask of the ICT department or suppliers?",
    },
  },
  summary: {
    title: "Strategic focus",
    intro: "How far the municipality is with the parts of this phase. The phase gate below reads the same data.",
    focusAreas: "Focus areas",
    focusAreasValue: "{{chosen}} chosen, {{complete}} of them with a complete policy map (at least one goal with a critical success factor).",
    focusAreasNone: "No focus areas chosen yet.",
    focusAreasLink: "To focus areas and policy maps",
    quickscan: "Quickscan",
    quickscanValue: "Latest round: {{name}} ({{status}}). Response: {{submitted}} of {{invited}} completed ({{rate}}%).",
    quickscanNoInvitees: "Latest round: {{name}} ({{status}}). Nobody invited yet.",
    quickscanNone: "No quickscan round yet.",
    quickscanLink: "To the quickscan",
    roundStatus: { draft: "draft", open: "open", closed: "closed" },
    transition: "Transition questions",
    transitionValue: "{{answered}} of {{total}} answered.",
    transitionLink: "To the transition questions",
  },
};

export const transitionAuditEn: Record<string, string> = {
  "transition.answer_saved": "transition question answered",
  "transition.answer_cleared": "transition question answer cleared",
  "gate.criterion_now_computed": "criterion computed automatically from now on",
};
