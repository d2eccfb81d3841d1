// The Tiptap extensions of the live document editor: one list, shared by everything that renders a
// document in the browser. The node and mark names are the ones the server reads back from Yjs
// (exports, history, word counts): keep them in step with app/modules/documents/prosemirror-json.ts.
import { mergeAttributes, type AnyExtension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
// Installed with (and pinned by) @tiptap/starter-kit 3.31.3, whose Heading this is.
import Heading from "@tiptap/extension-heading";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import { CharacterCount, Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type * as Y from "yjs";
import { CommentMark } from "./comment-mark";

/** The Y.XmlFragment the editor is bound to (Tiptap Collaboration's default, read by the server too). */
export const YJS_FIELD = "default";

/** Who the local user is, as others see them (caret label, presence list). */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

const ALLOWED_PROTOCOLS = ["http", "https", "mailto"];

/** Only web and mail links: no javascript:, data: or other schemes in a shared document. */
export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (value === "") return false;
  try {
    const url = new URL(value);
    return ALLOWED_PROTOCOLS.includes(url.protocol.replace(/:$/, "")) && (url.protocol === "mailto:" || url.hostname !== "");
  } catch {
    return false;
  }
}

/**
 * The page has its own h1 (the document title), so the document's "Kop 1–3" are rendered one level
 * lower: h2–h4 (capped at h6). The stored level (and the exports) stay 1–3. A data-level attribute
 * keeps the level when a heading is copied and pasted within the editor.
 */
const OutlinedHeading = Heading.extend({
  parseHTML() {
    const levels = this.options.levels;
    return [
      ...[1, 2, 3, 4, 5, 6].map((tagLevel) => ({
        tag: `h${tagLevel}[data-level]`,
        priority: 60,
        getAttrs: (element: HTMLElement) => {
          const level = Number(element.getAttribute("data-level"));
          return levels.includes(level as never) ? { level } : false;
        },
      })),
      ...levels.map((level) => ({ tag: `h${level}`, attrs: { level } })),
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    const level = this.options.levels.includes(node.attrs.level) ? node.attrs.level : this.options.levels[0];
    return [`h${Math.min(6, level + 1)}`, mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { "data-level": String(level) }), 0];
  },
});

/** The name label above another person's caret: white text on their (dark enough) colour. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#1a1a1a";
  const name = typeof user.name === "string" && user.name.trim() !== "" ? user.name : "?";
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = color;
  label.style.color = "#ffffff";
  label.textContent = name;
  caret.append(label);
  return caret;
}

export function documentExtensions(options: { ydoc: Y.Doc; provider: HocuspocusProvider; user: CollabUser; placeholder: string }): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo (only one's own edits); ProseMirror's history would undo others'.
      undoRedo: false,
      // A trailing paragraph appended by every client (also read-only ones) would fight over the document.
      trailingNode: false,
      // Every node and mark of the kit stays in the schema, also those the toolbar does not offer: the
      // Yjs binding deletes content the schema cannot hold, so a smaller schema would destroy text.
      // The heading is the kit's own, rendered one level down (below).
      heading: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        protocols: ALLOWED_PROTOCOLS,
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    OutlinedHeading.configure({ levels: [1, 2, 3, 4, 5, 6] }),
    Table.configure({ resizable: false, HTMLAttributes: { class: "koers-editor-table" } }),
    TableRow,
    TableHeader,
    TableCell,
    CharacterCount,
    Placeholder.configure({ placeholder: options.placeholder }),
    CommentMark,
    Collaboration.configure({ document: options.ydoc, field: YJS_FIELD }),
    CollaborationCaret.configure({
      provider: options.provider,
      user: { id: options.user.id, name: options.user.name, color: options.user.color },
      render: renderCaret,
    }),
  ];
}
