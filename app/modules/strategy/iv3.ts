// Iv3 task fields (taakvelden) of the municipal budget, shown with their main task field
// (hoofdtaakveld): ["6.1", "6.2"] → "6.1, 6.2 · Sociaal domein"; ["1"] → "1 · Veiligheid".

export const IV3_MAIN_FIELDS = ["0", "1", "2", "3", "4", "5", "6", "7", "8"] as const;

/** The codes grouped by main task field, in the order they first appear. */
export function iv3Groups(codes: readonly string[]): { main: string; codes: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const code of codes) {
    const main = code.split(".")[0]!.trim();
    if (!main) continue;
    const list = groups.get(main) ?? [];
    list.push(code.trim());
    groups.set(main, list);
  }
  return [...groups].map(([main, list]) => ({ main, codes: list }));
}

/** One readable line per main task field; `mainName` names a main field (or returns null if unknown). */
export function formatIv3(codes: readonly string[], mainName: (main: string) => string | null): string[] {
  return iv3Groups(codes).map(({ main, codes: list }) => {
    const name = mainName(main);
    return name ? `${list.join(", ")} · ${name}` : list.join(", ");
  });
}

export function isIv3MainField(value: string): value is (typeof IV3_MAIN_FIELDS)[number] {
  return (IV3_MAIN_FIELDS as readonly string[]).includes(value);
}
