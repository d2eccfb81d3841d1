// Read-only rendering of a stored document version (ProseMirror JSON) with Tiptap's static renderer,
// using the same schema extensions as the editor. Comment anchors are not shown in old versions.
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import type { JSONContent } from "@tiptap/core";

const extensions = [StarterKit.configure({ undoRedo: false }), TableKit];

export function DocumentContent({ content, label }: { content: JSONContent; label: string }) {
  return (
    <article className="koers-document-content" aria-label={label}>
      {renderToReactElement({
        content,
        extensions,
        options: { unhandledMark: ({ children }) => <>{children}</>, unhandledNode: ({ children }) => <>{children}</> },
      })}
    </article>
  );
}
