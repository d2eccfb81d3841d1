// What stands where the editor will be, until the document has been loaded from the server: never
// an empty editor (someone could start typing into nothing). Rendered on the server too.
import { Button, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "../../../i18n/use-translation";

export function EditorLoading({ slow = false, onRetry }: { slow?: boolean; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="koers-editor__loading" role="status" data-editor-loading="">
      <Paragraph>{t("documents.editor.loading")}</Paragraph>
      {slow ? (
        <>
          <Paragraph>{t("documents.editor.slow")}</Paragraph>
          {onRetry ? (
            <Button type="button" appearance="secondary-action-button" onClick={onRetry}>
              {t("documents.editor.retry")}
            </Button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
