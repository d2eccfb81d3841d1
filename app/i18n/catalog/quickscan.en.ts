// English UI strings for this feature; mirror quickscan.nl.ts exactly.
import type { quickscanNl } from "./quickscan.nl";

export const quickscanEn: typeof quickscanNl = {
  title: "",
};

export const quickscanAuditEn: Record<string, string> = {};
