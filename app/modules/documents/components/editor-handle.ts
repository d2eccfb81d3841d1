// What the page (comments panel, route) may ask of the live editor. Types only: the editor itself
// lives in a separate, lazily loaded chunk and hands this object up once it is ready.

/** A passage chosen for a new comment; it keeps pointing at the same text while others edit. */
export interface CommentAnchor {
  quote: string;
  /** Opaque to the page (Yjs relative positions). */
  readonly position: unknown;
}

export interface EditorHandle {
  /** The current selection as an anchor, or null when nothing is selected. */
  captureSelection(): CommentAnchor | null;
  /** Marks the anchored passage with the thread; false when that text is gone or cannot be changed. */
  applyComment(anchor: CommentAnchor, threadId: string): boolean;
  /** Selects the passage of a thread, scrolls it into view and focuses the editor; false if not anchored. */
  selectThread(threadId: string): boolean;
  /** True while the editor accepts changes from this user. */
  isEditable(): boolean;
  focus(): void;
}
