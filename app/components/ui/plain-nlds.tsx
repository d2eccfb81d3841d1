// The same markup as @utrecht/component-library-react's Paragraph, TableRow, TableHeaderCell and
// TableCell — the NL Design System's own class names, styled by @utrecht/component-library-css —
// as plain elements, for lists that render them hundreds of times (KPI cards, measurement tables).
// Measured with react-dom/server: a Utrecht Paragraph costs about 10 µs to render, a <p> about
// 1 µs; a 120-row, 5-column table of Utrecht cells about 8 ms. tests/unit/plain-nlds.test.tsx
// checks that the markup stays the library's. See docs/decisions/0012-page-performance.md.
import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";

const join = (base: string, extra?: string) => (extra ? `${base} ${extra}` : base);

export function P({ className, ...rest }: HTMLAttributes<HTMLParagraphElement>) {
  return <p {...rest} className={join("utrecht-paragraph", className)} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...rest} className={join("utrecht-table__row", className)} />;
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th {...rest} className={join("utrecht-table__header-cell", className)} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...rest} className={join("utrecht-table__cell", className)} />;
}
