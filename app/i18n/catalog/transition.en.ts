// English UI strings for this feature; mirror transition.nl.ts exactly.
import type { transitionNl } from "./transition.nl";

export const transitionEn: typeof transitionNl = {
  title: "",
};

export const transitionAuditEn: Record<string, string> = {};
