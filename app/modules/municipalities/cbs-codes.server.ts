// The 342 Dutch municipalities of 2026 with their CBS codes (reference data, see db/seed/reference).
import reference from "../../../db/seed/reference/municipalities-2026.json" with { type: "json" };

const byCode = new Map(reference.municipalities.map((m) => [m.code, m.name]));

export function municipalityNameForCode(code: string): string | undefined {
  return byCode.get(code.toUpperCase());
}

export function allMunicipalities(): { code: string; name: string }[] {
  return reference.municipalities;
}
