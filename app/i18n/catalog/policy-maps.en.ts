// English UI strings for this feature; mirror policy-maps.nl.ts exactly.
import type { policyMapsNl } from "./policy-maps.nl";

export const policyMapsEn: typeof policyMapsNl = {
  title: "",
};

export const policyMapsAuditEn: Record<string, string> = {};
