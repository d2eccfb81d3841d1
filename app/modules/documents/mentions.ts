// Finds the members a comment mentions: "@Anna de Vries" (full name) or "@anna.devries" (the part
// of the e-mail address before @). Longest names match first, so "@Jan Jansen" is not "@Jan".
export interface Mentionable {
  userId: string;
  name: string;
  email: string;
}

const BOUNDARY = /[\s.,;:!?)\]}'"]/;

export function findMentions<T extends Mentionable>(body: string, people: readonly T[]): T[] {
  const text = body.toLocaleLowerCase("nl-NL");
  const candidates = people
    .flatMap((p) => [
      { person: p, token: p.name.toLocaleLowerCase("nl-NL").trim() },
      { person: p, token: p.email.split("@")[0]!.toLocaleLowerCase("nl-NL") },
    ])
    .filter((c) => c.token.length > 0)
    .sort((a, b) => b.token.length - a.token.length);
  const found = new Map<string, T>();
  const taken: Array<[number, number]> = [];
  for (const { person, token } of candidates) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(`@${token}`, from);
      if (at < 0) break;
      const end = at + token.length + 1;
      const before = at === 0 ? " " : text[at - 1]!;
      const after = end >= text.length ? " " : text[end]!;
      const free = !taken.some(([s, e]) => at < e && end > s);
      if (free && (at === 0 || /\s|\(/.test(before)) && BOUNDARY.test(after)) {
        taken.push([at, end]);
        found.set(person.userId, person);
      }
      from = at + 1;
    }
  }
  return [...found.values()];
}
