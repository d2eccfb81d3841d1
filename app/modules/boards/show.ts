// How many cards of each column the board page shows: the first CARDS_PER_COLUMN in rank order,
// more for a column the reader asked "Toon meer" on. That choice lives in the URL
// (`?toon=<columnId>.<count>`, once per column), so it works without JavaScript, survives a reload
// and a move's revalidation, and the filters' own parameters stay as they are.
// Shared by the route's loader and its component (no server-only code here).

export const CARDS_PER_COLUMN = 15;
/** "Toon meer" shows this many more cards of the column. */
export const MORE_CARDS = 50;
/** Nobody needs more in one page; it also bounds what one request can ask for. */
const MAX_CARDS = 2000;

const PARAM = "toon";
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Column id → how many of its cards to show, from the URL's `toon` parameters; nonsense is ignored. */
export function parseShown(params: URLSearchParams): Record<string, number> {
  const shown: Record<string, number> = {};
  for (const value of params.getAll(PARAM)) {
    const at = value.lastIndexOf(".");
    const columnId = value.slice(0, at);
    const count = Number(value.slice(at + 1));
    if (at <= 0 || !ID.test(columnId) || !Number.isInteger(count) || count <= CARDS_PER_COLUMN) continue;
    shown[columnId] = Math.min(count, MAX_CARDS);
  }
  return shown;
}

/** The search string (with "?") of `search` with the column's card count set to `count`. */
export function searchShowing(search: string, columnId: string, count: number): string {
  const params = new URLSearchParams(search);
  const others = params.getAll(PARAM).filter((v) => !v.startsWith(`${columnId}.`));
  params.delete(PARAM);
  for (const v of others) params.append(PARAM, v);
  if (count > CARDS_PER_COLUMN) params.append(PARAM, `${columnId}.${Math.min(count, MAX_CARDS)}`);
  const text = params.toString();
  return text ? `?${text}` : "";
}
