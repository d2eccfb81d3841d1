// The live board: two people (here the same lead, signed in in two browsers) have the phase-1
// board open; a move in one shows up in the other without a reload. Also drag and drop with the
// keyboard (dnd-kit: Space picks a card up, arrows move it, Space drops it). The overview counts
// overdue tasks and links to the board's "te laat" filter.
import { expect, test, type Page } from "@playwright/test";
import { checkPage, createMunicipality, NEW_PASSWORD, signIn, signUpVerifiedUser, visit } from "./support/app";

const CODE = "GM0202";
const TEMPLATE_TASKS = ["Visie opstellen", "Quickscan uitzetten", "Beleidskaarten per aandachtsgebied"];
const LIVE = 5_000;

function column(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

function card(page: Page, title: string) {
  return page.locator("li.koers-task-card", { has: page.getByRole("link", { name: title, exact: true }) });
}

async function titlesIn(page: Page, name: string): Promise<string[]> {
  return column(page, name).locator("li.koers-task-card h3").allTextContents();
}

async function openBoard(page: Page) {
  await visit(page, `/g/${CODE}/fase/1/bord`);
  await expect(page.getByRole("heading", { level: 1, name: "Takenbord fase 1" })).toBeVisible();
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(TEMPLATE_TASKS);
  // Drag handles appear once hydrated; the live stream connects in the same effect pass.
  await expect(card(page, TEMPLATE_TASKS[0]!).getByRole("button", { name: /^Slepen/ })).toBeVisible();
}

test("a move on one screen shows up on the other without a reload", async ({ page, browser }) => {
  const email = await signUpVerifiedUser(page, "lotte", "Lotte Live");
  await createMunicipality(page, "Arnhem", CODE);

  const other = await browser.newContext();
  const pageB = await other.newPage();
  try {
    await signIn(pageB, email, NEW_PASSWORD);
    await openBoard(page);
    await openBoard(pageB);
    let reloadedB = false;
    pageB.on("framenavigated", (frame) => {
      if (frame === pageB.mainFrame()) reloadedB = true;
    });

    // A: the keyboard alternative (move button) sends "Visie opstellen" to the next column.
    const move = card(page, TEMPLATE_TASKS[0]!).getByRole("button", { name: "Naar volgende kolom", exact: true });
    await move.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => titlesIn(page, "Bezig")).toEqual([TEMPLATE_TASKS[0]]);

    // B sees it arrive, without navigating.
    await expect(column(pageB, "Bezig").getByRole("link", { name: TEMPLATE_TASKS[0]!, exact: true })).toBeVisible({ timeout: LIVE });
    await expect.poll(() => titlesIn(pageB, "Te doen"), { timeout: LIVE }).toEqual(TEMPLATE_TASKS.slice(1));
    expect(reloadedB).toBe(false);
    await checkPage(pageB);

    // B: drag and drop with the keyboard moves "Quickscan uitzetten" to "Bezig" as well.
    const handle = card(pageB, TEMPLATE_TASKS[1]!).getByRole("button", { name: `Slepen: ${TEMPLATE_TASKS[1]}`, exact: true });
    await handle.focus();
    await pageB.keyboard.press("Space");
    await expect(card(pageB, TEMPLATE_TASKS[1]!)).toHaveClass(/koers-task-card--dragging/);
    // The board announces each step to screen readers; drop only once it says the card is over
    // "Bezig" (right after the pick-up, the drop targets may still be being measured, and an arrow
    // key pressed in that moment moves nothing; a person never presses that fast).
    const announcer = pageB.locator('[id^="DndLiveRegion"]');
    // Once the drop targets are measured, the card is "over" its own place.
    await expect(announcer).toContainText(`Taak ${TEMPLATE_TASKS[1]} boven ${TEMPLATE_TASKS[1]}.`);
    await expect(async () => {
      if (!/boven (Visie opstellen|Bezig)\./.test((await announcer.textContent()) ?? "")) await pageB.keyboard.press("ArrowRight");
      await expect(announcer).toContainText(/boven (Visie opstellen|Bezig)\./, { timeout: 4_000 });
    }).toPass({ timeout: LIVE });
    await pageB.keyboard.press("Space");
    await expect.poll(() => titlesIn(pageB, "Te doen"), { timeout: LIVE }).toEqual([TEMPLATE_TASKS[2]]);
    await expect.poll(async () => (await titlesIn(pageB, "Bezig")).sort(), { timeout: LIVE }).toEqual([TEMPLATE_TASKS[0], TEMPLATE_TASKS[1]].sort());
    await checkPage(pageB);

    // …and A sees that drop arrive; a reload confirms it was stored.
    await expect.poll(async () => (await titlesIn(page, "Bezig")).sort(), { timeout: LIVE }).toEqual([TEMPLATE_TASKS[0], TEMPLATE_TASKS[1]].sort());
    await expect.poll(() => titlesIn(page, "Te doen"), { timeout: LIVE }).toEqual([TEMPLATE_TASKS[2]]);
    await checkPage(page);
    await pageB.reload();
    await expect.poll(async () => (await titlesIn(pageB, "Bezig")).sort()).toEqual([TEMPLATE_TASKS[0], TEMPLATE_TASKS[1]].sort());
  } finally {
    await other.close();
  }

  // The overview counts overdue tasks (none yet) and links to the board's "te laat" filter.
  await visit(page, `/g/${CODE}`);
  const overdue = page.getByRole("link", { name: /Taken te laat/ });
  await expect(overdue).toContainText("0");
  await overdue.click();
  await expect(page).toHaveURL(new RegExp(`/g/${CODE}/fase/1/bord\\?telaat=1$`));
  await expect(page.getByLabel("Alleen taken die te laat zijn")).toBeChecked();
  await expect(page.locator("li.koers-task-card")).toHaveCount(0);
  await checkPage(page);
});
