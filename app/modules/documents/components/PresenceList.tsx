// Who has this document open right now: the awareness states of the connected clients, one entry
// per person (several tabs of one person count once), each with the colour of their caret.
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import { useTranslation } from "../../../i18n/use-translation";

export interface PresentUser {
  id: string;
  name: string;
  color: string;
}

function presentUsers(provider: HocuspocusProvider): PresentUser[] {
  const people = new Map<string, PresentUser>();
  for (const state of provider.awareness?.getStates().values() ?? []) {
    const user = (state as { user?: Partial<PresentUser> }).user;
    if (!user || typeof user.name !== "string") continue;
    const id = typeof user.id === "string" ? user.id : user.name;
    if (people.has(id)) continue;
    people.set(id, { id, name: user.name, color: typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#1a1a1a" });
  }
  return [...people.values()];
}

export function PresenceList({ provider, selfId }: { provider: HocuspocusProvider; selfId: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<PresentUser[]>(() => presentUsers(provider));
  useEffect(() => {
    const update = () => setUsers(presentUsers(provider));
    update();
    provider.awareness?.on("change", update);
    return () => provider.awareness?.off("change", update);
  }, [provider]);

  const sorted = [...users].sort((a, b) => (a.id === selfId ? -1 : b.id === selfId ? 1 : a.name.localeCompare(b.name, "nl")));
  return (
    <section className="koers-presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="koers-presence__heading">
        {t("documents.presence.heading")}
      </h2>
      <ul className="koers-presence__list">
        {sorted.map((u) => (
          <li key={u.id} className="koers-presence__person">
            <span className="koers-presence__swatch" style={{ backgroundColor: u.color }} aria-hidden="true" />
            {u.name}
            {u.id === selfId ? <span className="koers-muted"> {t("documents.presence.you")}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
