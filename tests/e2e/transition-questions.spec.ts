// Transition questions of phase 1 in the demo municipality: a staff member and the lead answer them
// in two browsers; a save over the other's newer answer is refused, shows both texts and loses
// nothing; an answer is cleared on purpose; it works without JavaScript; the phase page counts
// "n van 5". A viewer reads without forms and is refused on POST; other phases have no questions.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { BASE_URL } from "../../playwright.config";
import { checkPage, DEMO, DEMO_CODE, fieldError, signIn, visit } from "./support/app";

const PAGE = `/g/${DEMO_CODE}/fase/1/transitievragen`;
const PHASE = `/g/${DEMO_CODE}/fase/1`;
const STAFF_NAME = "Sanne Jansen";
const LEAD_NAME = "Fatima el Amrani";

/** The section of question n (1–5), named by its heading "n. …". */
function question(page: Page, n: number): Locator {
  return page.getByRole("region", { name: new RegExp(`^${n}\\. `) });
}

function answerBox(section: Locator): Locator {
  return section.getByRole("textbox", { name: /^Antwoord van het team/ });
}

async function saveAnswer(page: Page, n: number, text: string): Promise<void> {
  const section = question(page, n);
  await answerBox(section).fill(text);
  await section.getByRole("button", { name: /^Antwoord opslaan/ }).click();
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("staff and lead answer the transition questions; a conflicting save loses nothing", async ({ browser }) => {
  // A long journey (two browsers, many pages, each checked with axe) on a shared, sometimes slow machine.
  test.setTimeout(300_000);
  const staff = await signedInPage(browser, DEMO.staff);
  const lead = await signedInPage(browser, DEMO.lead);
  try {
    // The phase page summarises and links to the questions.
    await visit(staff, PHASE);
    const focus = staff.getByRole("region", { name: "Strategische focus" });
    await expect(focus).toContainText("0 van 5 beantwoord");
    // The demo has chosen areas and a closed baseline quickscan (other journeys may add more).
    await expect(focus).toContainText(/\d+ gekozen, waarvan \d+ met een volledige beleidskaart/);
    await expect(focus).toContainText(/Laatste ronde: .+\. Respons: \d+ van \d+ ingevuld/);
    await focus.getByRole("link", { name: "Naar de transitievragen" }).click();
    await expect(staff).toHaveURL(new RegExp(`${PAGE}$`));
    await expect(staff.getByRole("heading", { level: 1, name: "Transitievragen" })).toBeVisible();
    await expect(staff.locator("main").getByRole("heading", { level: 2 })).toHaveCount(5);
    await expect(staff.getByText("0 van 5 vragen beantwoord")).toBeVisible();
    await expect(question(staff, 1)).toContainText("Nog niet beantwoord.");
    await checkPage(staff);

    // An empty answer is refused with a Dutch message at the field.
    await question(staff, 1).getByRole("button", { name: /^Antwoord opslaan/ }).click();
    await expect(fieldError(staff, /^Antwoord van het team: Met welke domeinen/)).toContainText("Vul een antwoord in.");
    await checkPage(staff);

    // Staff answers question 1.
    const staffFirst = "Eerst De veilige stad en De bereikbare stad: daar zijn de gegevens op orde.";
    await saveAnswer(staff, 1, staffFirst);
    await expect(question(staff, 1).getByRole("status")).toContainText("Antwoord opgeslagen: Met welke domeinen");
    await expect(question(staff, 1)).toContainText(`Laatst gewijzigd door ${STAFF_NAME} op`);
    await expect(staff.getByText("1 van 5 vragen beantwoord")).toBeVisible();
    await checkPage(staff);

    // The lead opens the page, sees it, and answers question 2: question 1 stays as it was.
    await visit(lead, PAGE);
    await expect(answerBox(question(lead, 1))).toHaveValue(staffFirst);
    await expect(question(lead, 1)).toContainText(`Laatst gewijzigd door ${STAFF_NAME} op`);
    await saveAnswer(lead, 2, "Het college staat erachter; in de teams verwachten we twijfel.");
    await expect(question(lead, 2).getByRole("status")).toContainText("Antwoord opgeslagen");
    await expect(answerBox(question(lead, 1))).toHaveValue(staffFirst);
    await expect(lead.getByText("2 van 5 vragen beantwoord")).toBeVisible();

    // Both have question 3 open. Staff saves first; the lead's save, started from the empty
    // answer, is refused: it shows staff's text and keeps the lead's own text in the field.
    const staffCulture = "Leren in plaats van afrekenen; cijfers bespreken in elk teamoverleg.";
    const leadCulture = "Open zijn over tegenvallende cijfers, ook richting de raad.";
    await saveAnswer(staff, 3, staffCulture);
    await expect(question(staff, 3).getByRole("status")).toContainText("Antwoord opgeslagen");
    await saveAnswer(lead, 3, leadCulture);
    const conflict = question(lead, 3).getByRole("alert");
    await expect(conflict).toContainText(`Niet opgeslagen: ${STAFF_NAME} heeft dit antwoord intussen gewijzigd`);
    await expect(conflict).toContainText("Uw eigen tekst is niet verloren");
    await expect(conflict).toContainText(staffCulture);
    await expect(answerBox(question(lead, 3))).toHaveValue(leadCulture);
    await expect(question(lead, 3)).toContainText(`Laatst gewijzigd door ${STAFF_NAME} op`);
    await checkPage(lead);
    // Nothing of staff's answer was overwritten.
    await visit(staff, PAGE);
    await expect(answerBox(question(staff, 3))).toHaveValue(staffCulture);

    // Having seen both, the lead combines them and saves on purpose.
    const combined = `${staffCulture} ${leadCulture}`;
    await saveAnswer(lead, 3, combined);
    await expect(question(lead, 3).getByRole("status")).toContainText("Antwoord opgeslagen");
    await expect(question(lead, 3)).toContainText(`Laatst gewijzigd door ${LEAD_NAME} op`);

    // Staff's page still shows the old text: staff's next save of question 3 is refused as well,
    // and a save of question 4 meanwhile warns that question 3 changed.
    await saveAnswer(staff, 4, "Een data-analist in huis; de rest via de regio.");
    await expect(question(staff, 4).getByRole("status")).toContainText("Antwoord opgeslagen");
    await expect(question(staff, 3).getByRole("status")).toContainText(`Let op: ${LEAD_NAME} heeft dit antwoord gewijzigd`);
    await saveAnswer(staff, 3, "Alleen leren.");
    await expect(question(staff, 3).getByRole("alert")).toContainText(combined);
    await expect(answerBox(question(staff, 3))).toHaveValue("Alleen leren.");
    await visit(lead, PAGE);
    await expect(answerBox(question(lead, 3))).toHaveValue(combined);

    // Clearing is explicit, and the question no longer counts.
    await expect(lead.getByText("4 van 5 vragen beantwoord")).toBeVisible();
    await question(lead, 2).locator("summary").click();
    await question(lead, 2).getByRole("button", { name: /^Ja, antwoord wissen/ }).click();
    await expect(question(lead, 2).getByRole("status")).toContainText("Antwoord gewist");
    await expect(question(lead, 2)).toContainText(`Antwoord gewist door ${LEAD_NAME} op`);
    await expect(answerBox(question(lead, 2))).toHaveValue("");
    await expect(lead.getByText("3 van 5 vragen beantwoord")).toBeVisible();
    await checkPage(lead);

    // Without JavaScript the forms post and the page shows the result.
    const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await staff.context().storageState() });
    try {
      const plain = await noJs.newPage();
      await plain.goto(PAGE);
      await saveAnswer(plain, 2, "Steun bij het college, twijfel in de teams.");
      await expect(question(plain, 2).getByRole("status")).toContainText("Antwoord opgeslagen");
      await saveAnswer(plain, 5, "Koppeling met de BAG en het zaaksysteem.");
      await expect(question(plain, 5).getByRole("status")).toContainText("Antwoord opgeslagen");
      await expect(plain.getByText("5 van 5 vragen beantwoord")).toBeVisible();
      // The lead changes question 5 meanwhile: the stale save is refused the same way, text kept.
      const leadData = "Koppeling met de BAG en het zaaksysteem; afdelingen zijn eigenaar van hun gegevens.";
      await visit(lead, PAGE);
      await saveAnswer(lead, 5, leadData);
      await expect(question(lead, 5).getByRole("status")).toContainText("Antwoord opgeslagen");
      await saveAnswer(plain, 5, "Verouderd voorstel");
      await expect(question(plain, 5).getByRole("alert")).toContainText(`Niet opgeslagen: ${LEAD_NAME} heeft dit antwoord intussen gewijzigd`);
      await expect(question(plain, 5).getByRole("alert")).toContainText(leadData);
      await expect(answerBox(question(plain, 5))).toHaveValue("Verouderd voorstel");
    } finally {
      await noJs.close();
    }

    // The phase page counts the answers, and the gate criterion is met.
    await visit(lead, PHASE);
    await expect(lead.getByRole("region", { name: "Strategische focus" })).toContainText("5 van 5 beantwoord");
    const criterion = lead.getByRole("listitem").filter({ hasText: "Transitievragen beantwoord" });
    await expect(criterion).toContainText("Behaald");
    await expect(criterion).toContainText("Wordt automatisch berekend.");

    await visit(lead, `/g/${DEMO_CODE}/logboek`);
    await expect(lead.locator("main")).toContainText("transitievraag beantwoord");
    await expect(lead.locator("main")).toContainText("antwoord op transitievraag gewist");
  } finally {
    await staff.context().close();
    await lead.context().close();
  }
});

test("a viewer reads the answers without forms; other phases have no transition questions", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await visit(page, PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Transitievragen" })).toBeVisible();
  await expect(page.getByText("U kunt de antwoorden lezen, maar niet wijzigen.")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.locator("main form[method='post']")).toHaveCount(0);
  await expect(page.locator("main").getByRole("button")).toHaveCount(0);

  const response = await page.request.post(PAGE, {
    form: { intent: "saveAnswer", questionKey: "data_ict", version: "0", answer: "Niet toegestaan" },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  await visit(page, PAGE);
  await expect(page.getByText("Niet toegestaan")).toHaveCount(0);

  for (const n of [2, 3, 4]) {
    const other = await page.goto(`/g/${DEMO_CODE}/fase/${n}/transitievragen`);
    expect(other?.status(), `phase ${n}`).toBe(404);
  }
});
