// The durable job that seals a fully signed version's PDF: its kind and its dedupe key (one job per
// version, so activating twice can never seal twice).
export const SEAL_JOB_KIND = "agreement.seal";

export const sealDedupeKey = (versionId: string) => `agreement.seal:${versionId}`;
