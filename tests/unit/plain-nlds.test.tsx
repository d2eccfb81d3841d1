// The plain elements render exactly what the Utrecht components render (so an upgrade of the
// library that changes its markup shows up here).
import { Paragraph, TableCell, TableHeaderCell, TableRow } from "@utrecht/component-library-react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { P, Td, Th, Tr } from "../../app/components/ui/plain-nlds";

const html = (node: React.ReactElement) => renderToStaticMarkup(node);

describe("plain NL Design System elements", () => {
  it("match Utrecht's Paragraph, with and without extra classes and attributes", () => {
    expect(html(<P>tekst</P>)).toBe(html(<Paragraph>tekst</Paragraph>));
    expect(html(<P className="koers-muted" id="x">tekst</P>)).toBe(html(<Paragraph className="koers-muted" id="x">tekst</Paragraph>));
  });

  it("match Utrecht's table row, header cell and cell", () => {
    const plain = html(
      <table>
        <tbody>
          <Tr className="a">
            <Th scope="row">2026-01</Th>
            <Td className="koers-num">12,5</Td>
            <Td>x</Td>
          </Tr>
        </tbody>
      </table>,
    );
    const utrecht = html(
      <table>
        <tbody>
          <TableRow className="a">
            <TableHeaderCell scope="row">2026-01</TableHeaderCell>
            <TableCell className="koers-num">12,5</TableCell>
            <TableCell>x</TableCell>
          </TableRow>
        </tbody>
      </table>,
    );
    expect(plain).toBe(utrecht);
  });
});
