// The editor's connection state, honestly: derived from the provider's own events (status, synced,
// unsyncedChanges, authenticated), never from a timer. "Opgeslagen" only when the server has
// acknowledged every local change (it stores before it acknowledges).
// The visible line changes at once; screen readers hear changes of situation (offline, back online
// and saved, read-only) in a polite live region, not "opslaan… opgeslagen" on every keystroke.
import { useEffect, useState } from "react";
import { useTranslation } from "../../../i18n/use-translation";
import type { CollabState } from "../editor/use-collab-session";

export type ConnectionView =
  | { state: "denied" }
  | { state: "loading" }
  | { state: "connecting" }
  | { state: "offline"; unsent: number }
  | { state: "syncing"; unsent: number }
  | { state: "saved" }
  | { state: "readOnly" }
  | { state: "notSaved"; unsent: number };

/**
 * @param mayWrite the page's data says this user may write this document now (role and draft)
 * @param mayEdit the user's role may edit documents: only then are refused local changes "not saved"
 *   (a reader never typed; a stray local change of theirs is no loss worth an alarm)
 */
export function connectionView(collab: CollabState, mayWrite: boolean, mayEdit = mayWrite): ConnectionView {
  if (collab.denied) return { state: "denied" };
  if (!collab.everSynced) return collab.connection === "connected" ? { state: "loading" } : { state: "connecting" };
  if (!collab.online || collab.connection !== "connected") return { state: "offline", unsent: collab.unsynced };
  if (!collab.synced) return { state: "syncing", unsent: collab.unsynced };
  const writable = mayWrite && collab.scope === "read-write";
  if (collab.unsynced > 0) {
    if (writable) return { state: "syncing", unsent: collab.unsynced };
    if (mayEdit) return { state: "notSaved", unsent: collab.unsynced };
  }
  return writable ? { state: "saved" } : { state: "readOnly" };
}

function useText(view: ConnectionView): string {
  const { t } = useTranslation();
  switch (view.state) {
    case "offline":
      return view.unsent > 0 ? t("documents.connection.offlineUnsent", { count: view.unsent }) : t("documents.connection.offline");
    case "syncing":
      return t("documents.connection.syncing");
    case "notSaved":
      return t("documents.connection.notSaved", { count: view.unsent });
    default:
      return t(`documents.connection.${view.state}`);
  }
}

export function ConnectionStatus({ view }: { view: ConnectionView }) {
  const { t } = useTranslation();
  const text = useText(view);
  // Announce changes of situation (offline, back, read-only, refused), not every save while typing.
  const quiet = view.state === "saved" || view.state === "syncing" || view.state === "loading" || view.state === "connecting";
  const [announced, setAnnounced] = useState("");
  const [wasQuiet, setWasQuiet] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (quiet && wasQuiet) return;
      setAnnounced(text);
      setWasQuiet(quiet);
    }, 800);
    return () => clearTimeout(timer);
  }, [text, quiet, wasQuiet]);
  return (
    <div className="koers-connection-wrap">
      <p className={`koers-connection koers-connection--${view.state}`} data-connection-state={view.state}>
        <span className="koers-connection__dot" aria-hidden="true" />
        <span className="visually-hidden">{t("documents.connection.label")}: </span>
        {text}
      </p>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announced}
      </div>
    </div>
  );
}
