// The formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys move between buttons
// (Home/End to the ends), Escape returns to the text. Toggles report their state with aria-pressed;
// buttons that do not apply here (table rows outside a table, undo with nothing to undo) stay
// focusable with aria-disabled, so the arrow keys do not skip around.
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "../../../i18n/use-translation";

interface ToolbarItem {
  key: string;
  /** i18n key under documents.toolbar: the visible text, and so the accessible name */
  label: string;
  group: number;
  toggle?: boolean;
}

const ITEMS: ToolbarItem[] = [
  { key: "heading1", label: "heading1", group: 0, toggle: true },
  { key: "heading2", label: "heading2", group: 0, toggle: true },
  { key: "heading3", label: "heading3", group: 0, toggle: true },
  { key: "bold", label: "bold", group: 1, toggle: true },
  { key: "italic", label: "italic", group: 1, toggle: true },
  { key: "link", label: "link", group: 1, toggle: true },
  { key: "bulletList", label: "bulletList", group: 2, toggle: true },
  { key: "orderedList", label: "orderedList", group: 2, toggle: true },
  { key: "blockquote", label: "blockquote", group: 2, toggle: true },
  { key: "insertTable", label: "insertTable", group: 3 },
  { key: "addRowAfter", label: "addRowAfter", group: 3 },
  { key: "deleteRow", label: "deleteRow", group: 3 },
  { key: "addColumnAfter", label: "addColumnAfter", group: 3 },
  { key: "deleteColumn", label: "deleteColumn", group: 3 },
  { key: "deleteTable", label: "deleteTable", group: 3 },
  { key: "undo", label: "undo", group: 4 },
  { key: "redo", label: "redo", group: 4 },
];

type ItemState = { pressed: boolean; enabled: boolean };

function stateOf(editor: Editor, editable: boolean): Record<string, ItemState> {
  const can = () => editor.can().chain().focus();
  const on = (enabled: boolean, pressed = false): ItemState => ({ enabled: editable && enabled, pressed });
  return {
    heading1: on(can().toggleHeading({ level: 1 }).run(), editor.isActive("heading", { level: 1 })),
    heading2: on(can().toggleHeading({ level: 2 }).run(), editor.isActive("heading", { level: 2 })),
    heading3: on(can().toggleHeading({ level: 3 }).run(), editor.isActive("heading", { level: 3 })),
    bold: on(can().toggleBold().run(), editor.isActive("bold")),
    italic: on(can().toggleItalic().run(), editor.isActive("italic")),
    link: on(true, editor.isActive("link")),
    bulletList: on(can().toggleBulletList().run(), editor.isActive("bulletList")),
    orderedList: on(can().toggleOrderedList().run(), editor.isActive("orderedList")),
    blockquote: on(can().toggleBlockquote().run(), editor.isActive("blockquote")),
    insertTable: on(!editor.isActive("table") && can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()),
    addRowAfter: on(can().addRowAfter().run()),
    deleteRow: on(can().deleteRow().run()),
    addColumnAfter: on(can().addColumnAfter().run()),
    deleteColumn: on(can().deleteColumn().run()),
    deleteTable: on(can().deleteTable().run()),
    undo: on(editor.can().undo()),
    redo: on(editor.can().redo()),
  };
}

function run(editor: Editor, key: string, openLink: () => void) {
  const chain = editor.chain().focus();
  switch (key) {
    case "heading1":
    case "heading2":
    case "heading3":
      return chain.toggleHeading({ level: Number(key.slice(-1)) as 1 | 2 | 3 }).run();
    case "bold":
      return chain.toggleBold().run();
    case "italic":
      return chain.toggleItalic().run();
    case "link":
      return openLink();
    case "bulletList":
      return chain.toggleBulletList().run();
    case "orderedList":
      return chain.toggleOrderedList().run();
    case "blockquote":
      return chain.toggleBlockquote().run();
    case "insertTable":
      return chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run();
    case "addRowAfter":
      return chain.addRowAfter().run();
    case "deleteRow":
      return chain.deleteRow().run();
    case "addColumnAfter":
      return chain.addColumnAfter().run();
    case "deleteColumn":
      return chain.deleteColumn().run();
    case "deleteTable":
      return chain.deleteTable().run();
    case "undo":
      return chain.undo().run();
    case "redo":
      return chain.redo().run();
  }
}

export interface ToolbarHandle {
  /** Moves focus to the toolbar's current button (Alt+F10 from the text). */
  focus(): void;
}

export const Toolbar = forwardRef<ToolbarHandle, { editor: Editor; editable: boolean; controls: string; onOpenLink: () => void }>(function Toolbar(
  { editor, editable, controls, onOpenLink },
  ref,
) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const states = useEditorState({ editor, selector: ({ editor: e }) => stateOf(e, editable) });

  useImperativeHandle(ref, () => ({ focus: () => buttons.current[current]?.focus() }), [current]);

  const move = (index: number) => {
    const next = (index + ITEMS.length) % ITEMS.length;
    setCurrent(next);
    buttons.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = buttons.current.findIndex((b) => b === document.activeElement);
    if (index < 0) return;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
        event.preventDefault();
        move(index + 1);
        break;
      case "ArrowLeft":
      case "ArrowUp":
        event.preventDefault();
        move(index - 1);
        break;
      case "Home":
        event.preventDefault();
        move(0);
        break;
      case "End":
        event.preventDefault();
        move(ITEMS.length - 1);
        break;
      case "Escape":
        event.preventDefault();
        editor.commands.focus();
        break;
    }
  };

  return (
    <div role="toolbar" aria-label={t("documents.toolbar.label")} aria-controls={controls} className="koers-toolbar" onKeyDown={onKeyDown}>
      {ITEMS.map((item, index) => {
        const state = states?.[item.key] ?? { enabled: false, pressed: false };
        const separator = index > 0 && ITEMS[index - 1]!.group !== item.group;
        return (
          <button
            key={item.key}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            className={`koers-toolbar__button${separator ? " koers-toolbar__button--group" : ""} koers-toolbar__button--${item.key}`}
            tabIndex={index === current ? 0 : -1}
            aria-pressed={item.toggle ? state.pressed : undefined}
            aria-disabled={state.enabled ? undefined : true}
            // Keep the text selection: a mouse press on a button must not take focus from the editor.
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setCurrent(index)}
            onClick={() => {
              setCurrent(index);
              if (state.enabled) run(editor, item.key, onOpenLink);
            }}
          >
            {t(`documents.toolbar.${item.label}`)}
          </button>
        );
      })}
    </div>
  );
});
