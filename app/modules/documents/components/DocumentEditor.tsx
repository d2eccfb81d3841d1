// The live editor of one document (client only; loaded lazily as its own chunk, see
// LazyDocumentEditor). Shows the document only after its first sync with the server; says what the
// connection is doing; keeps edits through a network drop (they stay in the Y.Doc and merge on
// reconnect) and warns before leaving the page while edits are unsent.
import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import { useBlocker } from "@remix-run/react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "../../../i18n/use-translation";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { quoteOf } from "../schema";
import { userColor } from "../editor/colors";
import { COMMENT_MARK, isThreadId } from "../editor/comment-mark";
import { documentExtensions, type CollabUser } from "../editor/extensions";
import { useCollabSession, type CollabSession } from "../editor/use-collab-session";
import { ConnectionStatus, connectionView, type ConnectionView } from "./ConnectionStatus";
import type { CommentAnchor, EditorHandle } from "./editor-handle";
import { EditorLoading } from "./EditorLoading";
import { LinkForm } from "./LinkForm";
import { PresenceList } from "./PresenceList";
import { Toolbar, type ToolbarHandle } from "./Toolbar";

export const EDITOR_ID = "document-text";
const HELP_ID = "document-text-help";

export interface DocumentEditorProps {
  documentId: string;
  user: { id: string; name: string };
  /** The page's data says this user may write this document (role, and the document is a draft). */
  writable: boolean;
  /** The user's role may edit documents (also when this one is approved). */
  canEdit: boolean;
  /** Threads the page knows; a comment mark with another id means someone just commented. */
  knownThreadIds: readonly string[];
  resolvedThreadIds: readonly string[];
  activeThreadId: string | null;
  onReady: (handle: EditorHandle | null) => void;
  onActiveThread: (threadId: string | null) => void;
  /** The server closed this document's connection (approved, new concept, access changed). */
  onServerClose: () => void;
  /** Someone replied to, resolved or reopened a comment: reload the comments. */
  onCommentsChanged: () => void;
  /** Comment marks appeared for threads the page does not know yet. */
  onUnknownThreads: () => void;
}

interface YAnchor {
  from: unknown;
  to: unknown;
}

/** The span of a thread's comment mark(s): from its first to its last marked character. */
export function threadRange(doc: ProseMirrorNode, threadId: string): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((m) => m.type.name === COMMENT_MARK && m.attrs.threadId === threadId)) {
      if (from < 0) from = pos;
      to = pos + node.nodeSize;
    }
    return false;
  });
  return from < 0 ? null : { from, to };
}

function threadIdsIn(doc: ProseMirrorNode): Set<string> {
  const ids = new Set<string>();
  doc.descendants((node) => {
    if (node.isText) for (const m of node.marks) if (m.type.name === COMMENT_MARK && isThreadId(m.attrs.threadId)) ids.add(m.attrs.threadId);
    return !node.isText;
  });
  return ids;
}

function threadAtSelection(editor: Editor): string | null {
  const { $from } = editor.state.selection;
  for (const mark of [...$from.marks(), ...($from.nodeAfter?.marks ?? [])]) {
    if (mark.type.name === COMMENT_MARK && isThreadId(mark.attrs.threadId)) return mark.attrs.threadId;
  }
  return null;
}

function makeHandle(editor: Editor): EditorHandle {
  const yState = () => ySyncPluginKey.getState(editor.state) as { type: import("yjs").XmlFragment; doc: import("yjs").Doc; binding: { mapping: Map<unknown, unknown> } } | undefined;
  return {
    captureSelection(): CommentAnchor | null {
      const { from, to, empty } = editor.state.selection;
      if (empty) return null;
      const quote = quoteOf(editor.state.doc.textBetween(from, to, " ", " "));
      const y = yState();
      if (!quote || !y?.binding) return null;
      const position: YAnchor = {
        from: absolutePositionToRelativePosition(from, y.type, y.binding.mapping as never),
        to: absolutePositionToRelativePosition(to, y.type, y.binding.mapping as never),
      };
      return { quote, position };
    },
    applyComment(anchor, threadId) {
      const y = yState();
      if (!editor.isEditable || !y?.binding || !isThreadId(threadId)) return false;
      const position = anchor.position as YAnchor;
      const from = relativePositionToAbsolutePosition(y.doc, y.type, position.from, y.binding.mapping as never);
      const to = relativePositionToAbsolutePosition(y.doc, y.type, position.to, y.binding.mapping as never);
      if (from === null || to === null || to <= from) return false;
      return editor.chain().setTextSelection({ from, to }).setComment(threadId).run();
    },
    selectThread(threadId) {
      const range = threadRange(editor.state.doc, threadId);
      if (!range) return false;
      editor.chain().focus().setTextSelection(range).scrollIntoView().run();
      return true;
    },
    isEditable: () => editor.isEditable,
    focus: () => editor.commands.focus(),
  };
}

/** True once `flag` has been true for `ms` without interruption. */
function useSettled(flag: boolean, ms: number): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!flag) {
      setSettled(false);
      return;
    }
    const timer = setTimeout(() => setSettled(true), ms);
    return () => clearTimeout(timer);
  }, [flag, ms]);
  return flag && settled;
}

/** Ask before leaving (closing the tab, reloading, following a link) while edits are unsent. */
function useLeaveWarning(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [active]);
  return useBlocker(({ currentLocation, nextLocation }) => active && currentLocation.pathname !== nextLocation.pathname);
}

function SyncedEditor({
  session,
  user,
  mayWrite,
  editable,
  props,
}: {
  session: CollabSession;
  user: CollabUser;
  mayWrite: boolean;
  editable: boolean;
  props: DocumentEditorProps;
}) {
  const { t } = useTranslation();
  const toolbar = useRef<ToolbarHandle>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const label = t("documents.editor.label");
  const callbacks = useRef(props);
  callbacks.current = props;

  const editor = useEditor(
    {
      extensions: documentExtensions({ ydoc: session.ydoc, provider: session.provider, user, placeholder: t("documents.editor.placeholder") }),
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: () => ({
          id: EDITOR_ID,
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          "aria-readonly": editableRef.current ? "false" : "true",
          "aria-describedby": HELP_ID,
          class: "koers-editor__content",
        }),
        handleKeyDown: (_view, event) => {
          if (event.altKey && event.key === "F10") {
            toolbar.current?.focus();
            return true;
          }
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k" && editableRef.current) {
            event.preventDefault();
            setLinkOpen(true);
            return true;
          }
          return false;
        },
      },
    },
    [session],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
    if (!editable) setLinkOpen(false);
  }, [editor, editable]);

  // Hand the page its way in (comments), and follow the selection for the active thread.
  useEffect(() => {
    callbacks.current.onReady(makeHandle(editor));
    const onSelection = () => callbacks.current.onActiveThread(threadAtSelection(editor));
    editor.on("selectionUpdate", onSelection);
    return () => {
      editor.off("selectionUpdate", onSelection);
      callbacks.current.onReady(null);
    };
  }, [editor]);

  // A comment mark for a thread the page does not know: someone just commented; reload the threads.
  useEffect(() => {
    const asked = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const known = new Set(callbacks.current.knownThreadIds);
        const fresh = [...threadIdsIn(editor.state.doc)].filter((id) => !known.has(id) && !asked.has(id));
        if (fresh.length) {
          for (const id of fresh) asked.add(id);
          callbacks.current.onUnknownThreads();
        }
      }, 400);
    };
    check();
    editor.on("update", check);
    return () => {
      clearTimeout(timer);
      editor.off("update", check);
    };
  }, [editor]);

  const words = useEditorState({ editor, selector: ({ editor: e }) => (e.storage.characterCount?.words() as number | undefined) ?? 0 });

  const highlight = [
    ...props.resolvedThreadIds.filter(isThreadId).map((id) => `.koers-editor mark.koers-comment[data-thread-id="${id}"]{background:transparent;border-bottom:2px dotted #8a8a8a}`),
    props.activeThreadId && isThreadId(props.activeThreadId) ? `.koers-editor mark.koers-comment[data-thread-id="${props.activeThreadId}"]{outline:2px solid #1a1a1a;background:#ffd45c}` : "",
  ].join("\n");

  return (
    <>
      {highlight ? <style>{highlight}</style> : null}
      {mayWrite ? <Toolbar ref={toolbar} editor={editor} editable={editable} controls={EDITOR_ID} onOpenLink={() => setLinkOpen(true)} /> : null}
      {linkOpen && editable ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
      <EditorContent editor={editor} className="koers-editor__surface" />
      <div className="koers-editor__footer">
        <Paragraph className="koers-muted" id={HELP_ID}>
          {mayWrite ? t("documents.editor.help") : t("documents.editor.readOnlyHelp")}
        </Paragraph>
        <Paragraph className="koers-editor__words">{t("documents.editor.words", { count: words ?? 0 })}</Paragraph>
      </div>
    </>
  );
}

export default function DocumentEditor(props: DocumentEditorProps) {
  const { t } = useTranslation();
  const user = useMemo<CollabUser>(() => ({ id: props.user.id, name: props.user.name, color: userColor(props.user.id) }), [props.user.id, props.user.name]);
  const { session, state, retry } = useCollabSession(props.documentId, user, {
    onServerClose: props.onServerClose,
    onSignal: (signal) => {
      if (signal === "comments") props.onCommentsChanged();
    },
  });
  // Refused (e.g. signed out elsewhere) after it was shown: keep the text on screen, read-only.
  const editable = props.writable && state.scope === "read-write" && !state.denied;
  const computed = connectionView(state, props.writable, props.canEdit);
  // Right after (re)connecting read-only, the handshake itself counts as one unacknowledged change
  // for a round trip; only a refusal that lasts means local edits were really not saved.
  const refused = useSettled(computed.state === "notSaved", 1_500);
  const view: ConnectionView = computed.state === "notSaved" && !refused ? { state: "readOnly" } : computed;
  const blocker = useLeaveWarning(props.writable && state.everSynced && state.unsynced > 0 && view.state !== "notSaved" && view.state !== "denied");
  const ready = session !== null && state.everSynced;

  return (
    <div className="koers-editor" aria-busy={ready ? undefined : true}>
      <div className="koers-editor__bar">
        <ConnectionStatus view={view} />
        {session ? <PresenceList provider={session.provider} selfId={user.id} /> : null}
      </div>
      {blocker.state === "blocked" ? (
        <div role="alertdialog" aria-labelledby="leave-warning" className="utrecht-alert utrecht-alert--warning koers-leave-warning">
          <div className="utrecht-alert__message">
            <Paragraph id="leave-warning">{t("documents.editor.leaveWarning", { count: state.unsynced })}</Paragraph>
            <div className="koers-inline-actions">
              <Button type="button" appearance="primary-action-button" onClick={() => blocker.reset()} autoFocus>
                {t("documents.editor.stay")}
              </Button>
              <Button type="button" appearance="secondary-action-button" onClick={() => blocker.proceed()}>
                {t("documents.editor.leave")}
              </Button>
            </div>
          </div>
        </div>
      ) : null}
      {view.state === "notSaved" ? (
        <div role="alert" className="utrecht-alert utrecht-alert--warning">
          <div className="utrecht-alert__message">
            <Paragraph>{t("documents.editor.notSavedExplanation")}</Paragraph>
            <Button type="button" appearance="secondary-action-button" onClick={() => window.location.reload()}>
              {t("documents.editor.reload")}
            </Button>
          </div>
        </div>
      ) : null}
      {state.denied ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <div className="utrecht-alert__message">
            <Paragraph>{t("documents.editor.denied")}</Paragraph>
            <Button type="button" appearance="secondary-action-button" onClick={() => window.location.reload()}>
              {t("documents.editor.reload")}
            </Button>
          </div>
        </div>
      ) : null}
      {ready ? (
        <SyncedEditor session={session} user={user} mayWrite={props.writable} editable={editable} props={props} />
      ) : state.denied ? null : (
        <EditorLoading slow={state.slow} onRetry={retry} />
      )}
    </div>
  );
}
