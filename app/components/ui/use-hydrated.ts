import { useEffect, useState } from "react";

/** False during server render and hydration, true once JavaScript runs: for no-JS fallbacks. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
