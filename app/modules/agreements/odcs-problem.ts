// A problem found in an ODCS file, at a place in it, as a translatable message.

/**
 * `path` is where in the document ("schema[0].properties[2].logicalType"; "" for the whole file),
 * `code` a key under `agreementOdcs.problems` in the i18n catalogue, `values` what it names.
 */
export interface OdcsProblem {
  path: string;
  code: string;
  values?: Record<string, string | number>;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "schema[0].properties[2].logicalType: moet één van … zijn", in the reader's language. */
export function describeProblem(t: Translate, problem: OdcsProblem): string {
  const message = t(`agreementOdcs.problems.${problem.code}`, { ...problem.values, interpolation: { escapeValue: false } });
  return problem.path ? `${problem.path}: ${message}` : message;
}
