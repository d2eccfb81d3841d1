// Drag and drop for the task board (@dnd-kit): pointer and keyboard. Only an enhancement: every
// card also has move buttons (one shared form), which is what works without JavaScript.
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";
import { useTranslation } from "../../../i18n/use-translation";
import { compareRanks } from "../ranks";

export interface DndColumn {
  id: string;
  name: string;
  cardIds: string[];
}

export interface DndMove {
  taskId: string;
  columnId: string;
  beforeTaskId: string | null;
  afterTaskId: string | null;
}

/** Where a card dropped on `overId` lands, and the columns' new order; null when nothing changes. */
export function dropResult(columns: readonly DndColumn[], activeId: string, overId: string): { move: DndMove; columns: DndColumn[] } | null {
  const from = columns.find((c) => c.cardIds.includes(activeId));
  if (!from || activeId === overId) return null;
  const targetColumn = columns.find((c) => c.id === overId) ?? columns.find((c) => c.cardIds.includes(overId));
  if (!targetColumn) return null;
  const rest = targetColumn.cardIds.filter((id) => id !== activeId);
  let index: number;
  const move: DndMove = { taskId: activeId, columnId: targetColumn.id, beforeTaskId: null, afterTaskId: null };
  if (targetColumn.id === overId) {
    // Dropped on the column itself (its empty space): at the end.
    index = rest.length;
    move.afterTaskId = rest[rest.length - 1] ?? null;
  } else if (targetColumn.id === from.id) {
    const oldIndex = from.cardIds.indexOf(activeId);
    const newIndex = from.cardIds.indexOf(overId);
    if (newIndex > oldIndex) {
      move.afterTaskId = overId;
      index = rest.indexOf(overId) + 1;
    } else {
      move.beforeTaskId = overId;
      index = rest.indexOf(overId);
    }
  } else {
    move.beforeTaskId = overId;
    index = rest.indexOf(overId);
  }
  const next = columns.map((c) => {
    if (c.id === targetColumn.id) return { ...c, cardIds: [...rest.slice(0, index), activeId, ...rest.slice(index)] };
    if (c.id === from.id) return { ...c, cardIds: c.cardIds.filter((id) => id !== activeId) };
    return c;
  });
  return { move, columns: next };
}

/**
 * The columns with a card that someone moved (a live change: its new column and rank) in its new
 * place, found by rank among the shown cards; null when this screen cannot tell (the card or the
 * column is not shown). A card that lands after the shown cards of a column with hidden cards
 * leaves the view. The reload that follows brings the exact state.
 */
export function placeMoved(
  columns: readonly DndColumn[],
  move: { taskId: string; columnId: string; rank: string },
  rankOf: (taskId: string) => string | undefined,
  hasHidden: (columnId: string) => boolean,
): DndColumn[] | null {
  const from = columns.find((c) => c.cardIds.includes(move.taskId));
  const to = columns.find((c) => c.id === move.columnId);
  if (!from || !to) return null;
  const rest = to.cardIds.filter((id) => id !== move.taskId);
  let index: number | null = rest.findIndex((id) => {
    const rank = rankOf(id);
    return rank !== undefined && compareRanks(move.rank, rank) < 0;
  });
  if (index < 0) index = hasHidden(to.id) ? null : rest.length;
  return columns.map((c) => {
    if (c.id === to.id) return { ...c, cardIds: index === null ? rest : [...rest.slice(0, index), move.taskId, ...rest.slice(index)] };
    if (c.id === from.id) return { ...c, cardIds: c.cardIds.filter((id) => id !== move.taskId) };
    return c;
  });
}

export function BoardDnd({
  id,
  columns,
  titles,
  onMove,
  children,
}: {
  id: string;
  columns: readonly DndColumn[];
  titles: Record<string, string>;
  onMove: (move: DndMove, columns: DndColumn[]) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const name = (value: UniqueIdentifier | undefined) => {
    const key = String(value ?? "");
    return titles[key] ?? columns.find((c) => c.id === key)?.name ?? key;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("boards.move.dragStart", { title: name(active.id) }),
    onDragOver: ({ active, over }) => (over ? t("boards.move.dragOver", { title: name(active.id), target: name(over.id) }) : undefined),
    onDragEnd: ({ active }) => t("boards.move.dragEnd", { title: name(active.id) }),
    onDragCancel: ({ active }) => t("boards.move.dragCancel", { title: name(active.id) }),
  };
  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over) return;
    const result = dropResult(columns, String(active.id), String(over.id));
    if (result) onMove(result.move, result.columns);
  }
  return (
    <DndContext
      id={id}
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("boards.move.dragInstructions") } }}
    >
      {children}
    </DndContext>
  );
}

/** A column's card list: sortable within, and (when `acceptsDrops`) a drop target of its own, e.g. when empty. */
export function SortableColumn({ column, acceptsDrops = true, className, children }: { column: DndColumn; acceptsDrops?: boolean; className?: string; children: ReactNode }) {
  const { setNodeRef } = useDroppable({ id: column.id, disabled: !acceptsDrops });
  return (
    <SortableContext id={column.id} items={column.cardIds} strategy={verticalListSortingStrategy}>
      <ol ref={setNodeRef} className={className}>
        {children}
      </ol>
    </SortableContext>
  );
}

/**
 * One card; with JavaScript a drag handle button (pointer or keyboard) precedes its content.
 * `dragLabel` is the handle's accessible name, translated by the caller (a board has many cards).
 */
export function SortableCard({ id, dragLabel, hydrated, className, children }: { id: string; dragLabel: string; hydrated: boolean; className?: string; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: !hydrated });
  return (
    <li ref={setNodeRef} id={`card-${id}`} className={`${className ?? ""}${isDragging ? " koers-task-card--dragging" : ""}`} style={{ transform: CSS.Translate.toString(transform), transition }}>
      {hydrated ? (
        <button type="button" ref={setActivatorNodeRef} className="koers-drag-handle" {...attributes} {...listeners} aria-label={dragLabel}>
          <span aria-hidden="true">⠿</span>
        </button>
      ) : null}
      {children}
    </li>
  );
}
