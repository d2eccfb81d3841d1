// A live board revalidates its loader when someone else changes the board, and a revalidation
// clears the action's data: the notice or refusal of one's own last submission would vanish.
// This keeps the last action data until the next navigation (a new location key).
import { useActionData, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";

export function useStickyActionData<T>(): T | undefined {
  const actionData = useActionData<T>() as T | undefined;
  const location = useLocation();
  const [sticky, setSticky] = useState<{ key: string; data: T } | null>(null);
  useEffect(() => {
    if (actionData !== undefined) setSticky({ key: location.key, data: actionData });
  }, [actionData, location.key]);
  if (actionData !== undefined) return actionData;
  return sticky && sticky.key === location.key ? sticky.data : undefined;
}
