// The `comment` mark anchors a comment thread in the text: it carries the thread id and moves with
// the text as people edit. Rendered as <mark class="koers-comment" data-thread-id="…">.
// Not inclusive (typing at its edge does not extend the comment) and it does not exclude itself,
// so comments on overlapping passages keep both anchors (Yjs stores them as separate attributes).
import { Mark, mergeAttributes } from "@tiptap/core";

export const COMMENT_MARK = "comment";

const THREAD_ID = /^[0-9a-f-]{36}$/i;

export function isThreadId(value: unknown): value is string {
  return typeof value === "string" && THREAD_ID.test(value);
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    comment: {
      /** Anchor a thread on the current selection. */
      setComment: (threadId: string) => ReturnType;
    };
  }
}

export const CommentMark = Mark.create({
  name: COMMENT_MARK,
  inclusive: false,
  excludes: "",
  spanning: true,

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => {
          const id = element.getAttribute("data-thread-id");
          return isThreadId(id) ? id : null;
        },
        renderHTML: (attributes) => (isThreadId(attributes.threadId) ? { "data-thread-id": attributes.threadId } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: "mark[data-thread-id]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["mark", mergeAttributes({ class: "koers-comment" }, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setComment:
        (threadId) =>
        ({ commands }) =>
          isThreadId(threadId) ? commands.setMark(this.name, { threadId }) : false,
    };
  },
});
