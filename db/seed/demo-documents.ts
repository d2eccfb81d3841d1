// Demo content for the live documents of the demo municipality: a first draft of the vision, so
// the editor opens on real text. Stored as one update in the log, as if a user had typed it.
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { DbOrTx } from "../client";
import { document, documentUpdate } from "../schema/index";

type Block = { type: "heading"; level: number; text: string } | { type: "paragraph"; text: string } | { type: "bulletList"; items: string[] };

export const DEMO_VISION: Block[] = [
  { type: "heading", level: 2, text: "Sturen op feiten in Zeewolde" },
  {
    type: "paragraph",
    text: "Zeewolde wil in 2027 zijn beleid sturen op actuele en betrouwbare informatie. Raad, college en organisatie zien op één dashboard waar we staan en waar we bijsturen.",
  },
  { type: "heading", level: 3, text: "Wat we willen bereiken" },
  {
    type: "bulletList",
    items: [
      "Elk aandachtsgebied heeft een beleidskaart met doelen en kritieke succesfactoren.",
      "Elke gekozen KPI heeft een eigenaar en wordt gevoed door een afgesproken levering.",
      "Medewerkers kunnen het dashboard lezen en gebruiken in hun werk.",
    ],
  },
];

function paragraphOf(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** The demo rules of use: which figures lead, who changes a KPI, how often data is refreshed. */
export const DEMO_RULES: Block[] = [
  { type: "heading", level: 2, text: "Spelregels voor het dashboard van Zeewolde" },
  { type: "heading", level: 3, text: "Welke cijfers leidend zijn" },
  {
    type: "bulletList",
    items: [
      "Leidend is de waarde op het dashboard die uit een goedgekeurde levering komt; handmatig ingevoerde waarden krijgen een reden en staan als zodanig vermeld.",
      "Voor vergelijking met andere gemeenten gelden de BBV-beleidsindicatoren zoals Koers ze toont.",
    ],
  },
  { type: "heading", level: 3, text: "Wie een KPI mag wijzigen" },
  {
    type: "paragraph",
    text: "De definitie, streefwaarde en normen van een KPI worden alleen gewijzigd door de KPI-eigenaar of de programmaleider. Elke wijziging staat in het logboek.",
  },
  { type: "heading", level: 3, text: "Hoe vaak de gegevens ververst worden" },
  {
    type: "paragraph",
    text: "Elke afdeling levert volgens haar gegevensleveringsovereenkomst, per maand, kwartaal of jaar. Het dashboard toont bij elke KPI of de laatste levering op tijd was.",
  },
];

export function demoVisionUpdate(): Uint8Array {
  return blocksUpdate(DEMO_VISION);
}

export function blocksUpdate(blocks: Block[]): Uint8Array {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment("default");
  for (const block of blocks) {
    if (block.type === "heading") {
      const h = new Y.XmlElement("heading");
      h.setAttribute("level", block.level as unknown as string);
      h.insert(0, [new Y.XmlText(block.text)]);
      body.insert(body.length, [h]);
    } else if (block.type === "paragraph") {
      body.insert(body.length, [paragraphOf(block.text)]);
    } else {
      const list = new Y.XmlElement("bulletList");
      list.insert(
        0,
        block.items.map((text) => {
          const item = new Y.XmlElement("listItem");
          item.insert(0, [paragraphOf(text)]);
          return item;
        }),
      );
      body.insert(body.length, [list]);
    }
  }
  return Y.encodeStateAsUpdate(doc);
}

/** Writes the demo vision once: only into an empty vision document. */
export async function seedDemoDocuments(tx: DbOrTx, municipalityId: string): Promise<void> {
  const [vision] = await tx
    .select({ id: document.id })
    .from(document)
    .where(and(eq(document.municipalityId, municipalityId), eq(document.kind, "vision")));
  if (!vision) return;
  const [existing] = await tx.select({ id: documentUpdate.id }).from(documentUpdate).where(eq(documentUpdate.documentId, vision.id)).limit(1);
  if (existing) return;
  await tx.insert(documentUpdate).values({ documentId: vision.id, update: demoVisionUpdate(), userId: null });
}
