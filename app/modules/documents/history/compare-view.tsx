// The comparison of an old version with the current text, block by block; changed blocks show
// word-level insertions and deletions. <ins>/<del> carry their meaning for screen readers too.
import { useTranslation } from "../../../i18n/use-translation";
import type { BlockChange } from "../compare";

export function CompareView({ changes }: { changes: BlockChange[] }) {
  const { t } = useTranslation();
  const changed = changes.filter((c) => c.kind !== "same").length;
  return (
    <div className="koers-compare">
      <p aria-live="polite">{changed === 0 ? t("documentHistory.compareSame") : t("documentHistory.compareCount", { count: changed })}</p>
      <ol className="koers-compare__blocks">
        {changes.map((change, index) => (
          <li key={index} className={`koers-compare__block koers-compare__block--${change.kind}`}>
            {change.kind === "same" ? <span>{change.after}</span> : null}
            {change.kind === "added" ? (
              <ins>
                <span className="visually-hidden">{t("documentHistory.added")}: </span>
                {change.after}
              </ins>
            ) : null}
            {change.kind === "removed" ? (
              <del>
                <span className="visually-hidden">{t("documentHistory.removed")}: </span>
                {change.before}
              </del>
            ) : null}
            {change.kind === "changed"
              ? (change.inline ?? []).map((part, i) =>
                  part.kind === "same" ? (
                    <span key={i}>{part.text}</span>
                  ) : part.kind === "added" ? (
                    <ins key={i}>
                      <span className="visually-hidden">{t("documentHistory.added")}: </span>
                      {part.text}
                    </ins>
                  ) : (
                    <del key={i}>
                      <span className="visually-hidden">{t("documentHistory.removed")}: </span>
                      {part.text}
                    </del>
                  ),
                )
              : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
