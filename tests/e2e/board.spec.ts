// Task boards: a new lead finds the phase-1 board with the model's tasks, adds a task, moves it
// with the keyboard alternative (the buttons under each card) and finds the order kept after a
// reload; opens the task, takes it with a due date, adds a checklist item and a comment; filters
// on "mijn taken". A long column shows its first cards and "Toon meer" (also without JavaScript).
// The demo viewer sees the demo board without any forms that change it.
import { expect, test, type Page } from "@playwright/test";
import { checkPage, createMunicipality, DEMO, DEMO_CODE, signIn, signUpVerifiedUser, visit } from "./support/app";

const CODE = "GM0193";
const TEMPLATE_TASKS = ["Visie opstellen", "Quickscan uitzetten", "Beleidskaarten per aandachtsgebied"];
const NEW_TASK = "Raadsinformatiebrief schrijven";

function column(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

function card(page: Page, title: string) {
  return page.locator("li.koers-task-card", { has: page.getByRole("link", { name: title, exact: true }) });
}

async function titlesIn(page: Page, name: string): Promise<string[]> {
  return column(page, name).locator("li.koers-task-card h3").allTextContents();
}

/** The page's own notice (drag and drop keeps a live region of its own). */
function notice(page: Page) {
  return page.getByRole("main").getByRole("status").and(page.locator(".utrecht-alert"));
}

/** Presses a move button with the keyboard, as someone without a mouse would. */
async function pressMove(page: Page, title: string, button: string) {
  const target = card(page, title).getByRole("button", { name: button, exact: true });
  await target.focus();
  await page.keyboard.press("Enter");
}

test("a lead works the phase-1 task board", async ({ page }) => {
  const email = await signUpVerifiedUser(page, "bart", "Bart Bordbeheerder");
  await createMunicipality(page, "Zwolle", CODE);

  await visit(page, `/g/${CODE}/fase/1`);
  await page.getByRole("link", { name: "Takenbord" }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${CODE}/fase/1/bord$`));
  await expect(page.getByRole("heading", { level: 1, name: "Takenbord fase 1" })).toBeVisible();
  for (const name of ["Te doen", "Bezig", "Review", "Klaar"]) await expect(column(page, name)).toBeVisible();
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(TEMPLATE_TASKS);
  await checkPage(page);

  // A new task lands at the end of the chosen column.
  await page.getByLabel("Titel van de taak").fill(NEW_TASK);
  await page.getByLabel("Kolom", { exact: true }).selectOption({ label: "Te doen" });
  await page.getByRole("button", { name: "Taak toevoegen" }).click();
  await expect(notice(page)).toContainText(`Taak toegevoegd: ${NEW_TASK}.`);
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([...TEMPLATE_TASKS, NEW_TASK]);
  await checkPage(page);

  // The keyboard alternative: the last card has no "Later", the first no "Eerder".
  await expect(card(page, NEW_TASK).getByRole("button", { name: "Later", exact: true })).toHaveCount(0);
  await expect(card(page, TEMPLATE_TASKS[0]!).getByRole("button", { name: "Eerder", exact: true })).toHaveCount(0);
  await pressMove(page, NEW_TASK, "Eerder");
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([TEMPLATE_TASKS[0], TEMPLATE_TASKS[1], NEW_TASK, TEMPLATE_TASKS[2]]);
  await pressMove(page, NEW_TASK, "Eerder");
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([TEMPLATE_TASKS[0], NEW_TASK, TEMPLATE_TASKS[1], TEMPLATE_TASKS[2]]);
  await pressMove(page, NEW_TASK, "Later");
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([TEMPLATE_TASKS[0], TEMPLATE_TASKS[1], NEW_TASK, TEMPLATE_TASKS[2]]);
  await expect(notice(page)).toContainText(`Taak verplaatst: ${NEW_TASK} staat nu in Te doen.`);
  await page.reload();
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([TEMPLATE_TASKS[0], TEMPLATE_TASKS[1], NEW_TASK, TEMPLATE_TASKS[2]]);

  await pressMove(page, NEW_TASK, "Naar volgende kolom");
  await expect(notice(page)).toContainText(`Taak verplaatst: ${NEW_TASK} staat nu in Bezig.`);
  await page.reload();
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(TEMPLATE_TASKS);
  await expect.poll(() => titlesIn(page, "Bezig")).toEqual([NEW_TASK]);
  await checkPage(page);

  // The task itself: a due date in the past, assigned to me, a checklist item and a comment.
  await page.getByRole("link", { name: NEW_TASK, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: NEW_TASK })).toBeVisible();
  await checkPage(page);
  await page.getByText("Taak bewerken").click();
  await page.getByLabel("Deadline").fill("2024-01-15");
  await page.getByLabel("Labels").fill("raad, communicatie");
  await page.getByRole("button", { name: "Taak opslaan" }).click();
  await expect(notice(page)).toContainText("Taak opgeslagen.");
  await page.getByLabel("Toegewezen aan").selectOption({ label: `Bart Bordbeheerder (${email})` });
  await page.getByRole("button", { name: "Toewijzing opslaan" }).click();
  await expect(notice(page)).toContainText("Toewijzing opgeslagen.");
  await page.getByLabel("Nieuw punt op de checklist").fill("Concept delen met de griffie");
  await page.getByRole("button", { name: "Punt toevoegen" }).click();
  await expect(notice(page)).toContainText("Punt toegevoegd: Concept delen met de griffie.");
  await page.getByLabel("Concept delen met de griffie").check();
  await expect(notice(page)).toContainText("Afgevinkt: Concept delen met de griffie.");
  await page.getByLabel("Uw reactie").fill("Eerste versie staat in de gedeelde map.");
  await page.getByRole("button", { name: "Reactie plaatsen" }).click();
  await expect(notice(page)).toContainText("Reactie geplaatst.");
  await expect(page.getByText("Eerste versie staat in de gedeelde map.")).toBeVisible();
  await expect(page.getByText(/^Bart Bordbeheerder, /)).toBeVisible();
  // A link to the vision document, chosen by name, shown by name and leading to it.
  await page.getByLabel("Koppelen aan").selectOption({ label: "Visie" });
  await page.getByRole("button", { name: "Koppeling toevoegen" }).click();
  await expect(notice(page).filter({ hasText: "Koppeling" })).toContainText("Koppeling toegevoegd.");
  await expect(page.getByRole("region", { name: "Koppelingen" }).getByRole("link", { name: "Visie", exact: true })).toHaveAttribute("href", new RegExp(`/g/${CODE}/documenten/[0-9a-f-]{36}$`));
  await checkPage(page);

  // Back on the board the card shows it all; "mijn taken" shows only this one.
  await page.getByRole("link", { name: "Terug naar het takenbord" }).first().click();
  const mine = card(page, NEW_TASK);
  await expect(mine).toContainText("Bart Bordbeheerder");
  await expect(mine).toContainText("te laat");
  await expect(mine).toContainText("Checklist: 1 van 1");
  await expect(mine).toContainText("raad");
  await page.getByLabel("Alleen mijn taken").check();
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/[?&]mijn=1/);
  await expect(page.locator("li.koers-task-card")).toHaveCount(1);
  await expect(card(page, NEW_TASK)).toBeVisible();
  await checkPage(page);
  await visit(page, `/g/${CODE}/fase/1/bord?telaat=1&label=raad`);
  await expect(page.locator("li.koers-task-card")).toHaveCount(1);
  await visit(page, `/g/${CODE}/fase/1/bord?label=bestaat-niet`);
  await expect(page.locator("li.koers-task-card")).toHaveCount(0);

  // A template task that does not apply here: archived off the board, then restored in its place.
  const phase2 = ["KPI's kiezen uit de bibliotheek", "KPI's definiëren", "Eigenaren per KPI vastleggen"];
  await visit(page, `/g/${CODE}/fase/2/bord`);
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(phase2);
  await page.getByRole("link", { name: phase2[1]!, exact: true }).click();
  await page.getByText("Taak archiveren", { exact: true }).first().click();
  await page.getByRole("button", { name: "Taak archiveren" }).click();
  await expect(notice(page).filter({ hasText: "Taak gearchiveerd" })).toContainText(`Taak gearchiveerd: ${phase2[1]}.`);
  await expect(page.getByText(/Deze taak is gearchiveerd op .* door Bart Bordbeheerder/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Taak opslaan" })).toHaveCount(0);
  await checkPage(page);
  await page.getByRole("link", { name: "Terug naar het takenbord" }).first().click();
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([phase2[0], phase2[2]]);
  await page.getByText("Gearchiveerde taken (1)").click();
  await checkPage(page);
  await page.getByRole("link", { name: phase2[1]!, exact: true }).click();
  await page.getByRole("button", { name: "Terugzetten op het bord" }).click();
  await expect(notice(page).filter({ hasText: "Taak teruggezet" })).toContainText(`Taak teruggezet op het bord: ${phase2[1]}.`);
  await page.getByRole("link", { name: "Terug naar het takenbord" }).first().click();
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(phase2);
  await expect(page.getByText(/Gearchiveerde taken/)).toHaveCount(0);
});

test("a long column shows its first cards, more on request (with and without JavaScript), and keeps a moved card in view", async ({ page, browser }) => {
  const code = "GM0034";
  await signUpVerifiedUser(page, "bram", "Bram Bordlengte");
  await createMunicipality(page, "Almere", code);
  const board = `/g/${code}/fase/1/bord`;
  // 3 template tasks + 14 = 17 cards in "Te doen"; a column shows 15 of them.
  const extra = Array.from({ length: 14 }, (_, i) => `Extra taak ${String(i + 1).padStart(2, "0")}`);
  for (const title of extra) {
    const res = await page.request.post(board, { form: { intent: "createTask", title } });
    expect(res.status()).toBe(200);
  }
  const all = [...TEMPLATE_TASKS, ...extra];
  await visit(page, board);
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(all.slice(0, 15));
  await expect(column(page, "Te doen")).toContainText("Aantal taken: 17");
  const more = page.getByRole("link", { name: "Toon meer (2) in kolom Te doen", exact: true });
  await expect(more).toBeVisible();
  await expect(column(page, "Bezig").getByRole("link", { name: /^Toon meer/ })).toHaveCount(0);

  // With the keyboard: the rest appears and focus lands on the first card that was hidden.
  await more.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual(all);
  await expect(page).toHaveURL(/[?&]toon=/);
  await expect(card(page, all[15]!).getByRole("link", { name: all[15]!, exact: true })).toBeFocused();
  await expect(more).toHaveCount(0);
  await checkPage(page);

  // "Later" on the last card shown moves it past the first hidden one; the column then shows one more.
  await visit(page, board);
  await pressMove(page, all[14]!, "Later");
  await expect(notice(page)).toContainText(`Taak verplaatst: ${all[14]} staat nu in Te doen.`);
  await expect.poll(() => titlesIn(page, "Te doen")).toEqual([...all.slice(0, 14), all[15], all[14]]);
  await expect(page.getByRole("link", { name: "Toon meer (1) in kolom Te doen", exact: true })).toBeVisible();

  // Without JavaScript: "Toon meer" is a link, and the move buttons post the one shared form.
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const plain = await noJs.newPage();
    await plain.goto(board);
    await expect.poll(() => titlesIn(plain, "Te doen")).toEqual([...all.slice(0, 14), all[15]]);
    await plain.getByRole("link", { name: "Toon meer (2) in kolom Te doen", exact: true }).click();
    await expect.poll(() => titlesIn(plain, "Te doen")).toEqual([...all.slice(0, 14), all[15], all[14], all[16]]);
    await card(plain, all[0]!).getByRole("button", { name: "Naar volgende kolom", exact: true }).click();
    await expect(notice(plain)).toContainText(`Taak verplaatst: ${all[0]} staat nu in Bezig.`);
    await expect.poll(() => titlesIn(plain, "Bezig")).toEqual([all[0]]);
    await expect.poll(() => titlesIn(plain, "Te doen")).toEqual([...all.slice(1, 14), all[15], all[14], all[16]]);
  } finally {
    await noJs.close();
  }
});

test("the demo viewer reads the board without forms", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await visit(page, `/g/${DEMO_CODE}/fase/1/bord`);
  await expect(page.getByRole("heading", { level: 1, name: "Takenbord fase 1" })).toBeVisible();
  await expect(page.getByText("U kunt dit bord alleen bekijken.")).toBeVisible();
  await expect(page.locator("li.koers-task-card").first()).toBeVisible();
  await expect(page.locator("main form[method='post']")).toHaveCount(0);
  for (const name of ["Eerder", "Later", "Naar volgende kolom", "Taak toevoegen"]) await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Slepen/ })).toHaveCount(0);
  await expect(page.getByText("Kolommen beheren")).toHaveCount(0);

  await page.locator("li.koers-task-card h3 a").first().click();
  await expect(page.getByText("U kunt deze taak alleen bekijken.")).toBeVisible();
  await expect(page.locator("main form[method='post']")).toHaveCount(0);
  await checkPage(page);
});
