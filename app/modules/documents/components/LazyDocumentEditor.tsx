// The editor as a separate chunk: the page (and its server render) stays light, and the Tiptap,
// ProseMirror, Yjs and Hocuspocus code only loads in the browser, after hydration. Until then, and
// while the chunk loads, the "Document laden…" placeholder stands in its place.
import { Button, Paragraph } from "@utrecht/component-library-react";
import { Component, lazy, Suspense, type ReactNode } from "react";
import { useTranslation } from "../../../i18n/use-translation";
import { useHydrated } from "../../../components/ui/use-hydrated";
import type { DocumentEditorProps } from "./DocumentEditor";
import { EditorLoading } from "./EditorLoading";

const DocumentEditor = lazy(() => import("./DocumentEditor"));

function ChunkFailed() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="utrecht-alert utrecht-alert--error">
      <div className="utrecht-alert__message">
        <Paragraph>{t("documents.editor.chunkFailed")}</Paragraph>
        <Button type="button" appearance="secondary-action-button" onClick={() => window.location.reload()}>
          {t("documents.editor.reload")}
        </Button>
      </div>
    </div>
  );
}

/** A failed chunk download (network gone, new deployment) shows a message instead of breaking the page. */
class EditorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.error("The document editor failed:", error);
  }
  render() {
    return this.state.failed ? <ChunkFailed /> : this.props.children;
  }
}

export function LazyDocumentEditor(props: DocumentEditorProps) {
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <div className="koers-editor" aria-busy="true">
        <EditorLoading />
      </div>
    );
  }
  return (
    <EditorBoundary>
      <Suspense
        fallback={
          <div className="koers-editor" aria-busy="true">
            <EditorLoading />
          </div>
        }
      >
        <DocumentEditor {...props} />
      </Suspense>
    </EditorBoundary>
  );
}
