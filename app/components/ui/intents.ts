// Pages with several forms post an `intent`; these name the forms and recognise the intents.

export function isOneOf<const T extends readonly string[]>(intents: T, value: string): value is T[number] {
  return (intents as readonly string[]).includes(value);
}

/** Which form a result belongs to: the intent plus, for a row's forms, the row's id. */
export function formIdOf(intent: string, rowId?: string): string {
  return rowId ? `${intent}-${rowId}` : intent;
}
