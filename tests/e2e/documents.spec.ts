// Live documents. Two colleagues of Zeewolde (the demo municipality) write in one document at the
// same time and see each other's text, named carets and presence; the state reaches "Opgeslagen"
// and survives a reload. A viewer reads but cannot type (also over the websocket itself). A member
// of another municipality gets 404 and no content (page, export, form post, websocket). Comments on
// a selection with a mention, reply, resolve and reopen. A lead approves: the other editor turns
// read-only without a reload; a new concept (with a reason) makes it writable again. A network drop:
// "offline" with unsent changes, a warning before leaving, and the edits merge on reconnect. A socket
// that never connects shows "Document laden…", never an empty editor. Every page is checked with axe.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { expect, test, type Browser, type BrowserContext, type Page, type WebSocketRoute } from "@playwright/test";
import crypto from "node:crypto";
import WebSocket from "ws";
import * as Y from "yjs";
import { BASE_URL } from "../../playwright.config";
import { checkPage, createMunicipality, DEMO, DEMO_CODE, fieldError, signIn, signUpVerifiedUser, visit } from "./support/app";
import { waitForMail } from "./support/mail";

const CODE = DEMO_CODE;
const NAMES = { lead: "Fatima el Amrani", staff: "Sanne Jansen", viewer: "Ingrid Visser" } as const;
const OTHER_MUNICIPALITIES = [
  ["GM0307", "Amersfoort"],
  ["GM0268", "Nijmegen"],
  ["GM0855", "Tilburg"],
  ["GM0772", "Eindhoven"],
  ["GM0758", "Breda"],
  ["GM0392", "Haarlem"],
  ["GM0546", "Leiden"],
] as const;
/** How long something may take to reach the other screen. */
const LIVE = 10_000;

function editorOf(page: Page) {
  return page.getByRole("textbox", { name: "Documenttekst" });
}

function connection(page: Page) {
  return page.locator("[data-connection-state]");
}

function uniqueTitle(prefix: string) {
  return `${prefix} ${crypto.randomBytes(3).toString("hex")}`;
}

async function newSession(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Creates a free document through the list page; returns its URL. */
async function createDocument(page: Page, title: string, phase = "Fase 1 · Strategische focus"): Promise<string> {
  await visit(page, `/g/${CODE}/documenten`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Fase", { exact: true }).selectOption({ label: phase });
  await page.getByRole("button", { name: "Document aanmaken" }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${CODE}/documenten/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Opens a document and waits until the editor shows it, synced with the server. */
async function openDocument(page: Page, path: string, expectState: "saved" | "readOnly" = "saved") {
  await page.goto(path);
  await expect(editorOf(page)).toBeVisible({ timeout: LIVE });
  await expect(connection(page)).toHaveAttribute("data-connection-state", expectState, { timeout: LIVE });
}

async function typeAtEnd(page: Page, text: string) {
  await editorOf(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

async function expectSaved(page: Page) {
  await expect(connection(page)).toHaveAttribute("data-connection-state", "saved", { timeout: LIVE });
  await expect(connection(page)).toContainText("Opgeslagen");
}

/**
 * A collaboration client outside the browser with a browser context's session cookie: what a
 * scripted attacker with that session could do over the websocket, bypassing the page.
 */
async function socketClient(context: BrowserContext, documentId: string) {
  const cookie = (await context.cookies(BASE_URL)).map((c) => `${c.name}=${c.value}`).join("; ");
  class CookieWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { cookie, origin: BASE_URL } });
    }
  }
  const ydoc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `${BASE_URL.replace(/^http/, "ws")}/collab`, WebSocketPolyfill: CookieWebSocket });
  const events = { denied: null as string | null, scope: null as string | null, synced: false };
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentId,
    document: ydoc,
    token: "cookie",
    onAuthenticationFailed: ({ reason }) => (events.denied = reason),
    onAuthenticated: ({ scope }) => (events.scope = scope),
    onSynced: () => (events.synced = true),
  });
  provider.attach();
  const text = () => {
    const fragment = ydoc.getXmlFragment("default");
    return fragment.toString();
  };
  const close = () => {
    provider.destroy();
    socket.destroy();
    ydoc.destroy();
  };
  return { ydoc, provider, events, text, close };
}

function documentIdOf(path: string) {
  return path.split("/").at(-1)!;
}

test("two colleagues write in one document at the same time", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  await visit(page, `/g/${CODE}/documenten`);
  await expect(page.getByRole("heading", { level: 1, name: "Documenten" })).toBeVisible();
  // The standard documents are there, per phase, as concepts.
  const phase1 = page.getByRole("region", { name: "Fase 1 · Strategische focus" });
  await expect(phase1.getByRole("link", { name: "Missie", exact: true })).toBeVisible();
  await expect(phase1.getByRole("link", { name: "Visie", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Fase 4 · Ingebruikname" }).getByRole("link", { name: "Spelregels dashboard" })).toBeVisible();

  // The create form validates in Dutch.
  await page.getByRole("button", { name: "Document aanmaken" }).click();
  await expect(fieldError(page, "Titel")).toContainText("Geef het document een titel.");
  await expect(fieldError(page, "Fase")).toContainText("Kies de fase waar het document bij hoort.");
  await checkPage(page);

  const title = uniqueTitle("Samen schrijven");
  const path = await createDocument(page, title);
  // The server renders a light page: a loading placeholder, no editor (that is a separate chunk).
  const html = await (await page.request.get(path)).text();
  expect(html).toContain("Document laden…");
  expect(html).not.toContain("contenteditable");
  await expect(editorOf(page)).toBeVisible({ timeout: LIVE });
  await expectSaved(page);
  await checkPage(page);

  const staff = await newSession(browser, DEMO.staff);
  try {
    await openDocument(staff.page, path);
    await typeAtEnd(page, "De lead schrijft de eerste zin.");
    await expect(editorOf(staff.page)).toContainText("De lead schrijft de eerste zin.", { timeout: LIVE });
    await page.keyboard.press("Enter");
    await typeAtEnd(staff.page, " Sanne vult aan.");
    await expect(editorOf(page)).toContainText("Sanne vult aan.", { timeout: LIVE });

    // Each sees the other's named caret and both in the presence list.
    await expect(staff.page.locator(".collaboration-carets__label", { hasText: NAMES.lead })).toBeVisible({ timeout: LIVE });
    await expect(page.locator(".collaboration-carets__label", { hasText: NAMES.staff })).toBeVisible({ timeout: LIVE });
    for (const p of [page, staff.page]) {
      const present = p.getByRole("region", { name: "Nu in dit document" });
      await expect(present).toContainText(NAMES.lead);
      await expect(present).toContainText(NAMES.staff);
    }

    // Formatting from the toolbar with the keyboard: arrow keys move, Enter applies, aria-pressed tells.
    const toolbar = staff.page.getByRole("toolbar", { name: "Opmaak" });
    await editorOf(staff.page).press("Alt+F10");
    await expect(toolbar.getByRole("button", { name: "Kop 1" })).toBeFocused();
    await staff.page.keyboard.press("ArrowRight");
    await expect(toolbar.getByRole("button", { name: "Kop 2" })).toBeFocused();
    await staff.page.keyboard.press("Enter");
    await expect(toolbar.getByRole("button", { name: "Kop 2" })).toHaveAttribute("aria-pressed", "true");
    // The page's title is the h1: "Kop 2" is rendered one level lower, as an h3.
    await expect(editorOf(page).getByRole("heading", { level: 3, name: /Sanne vult aan/ })).toBeVisible({ timeout: LIVE });

    // A link through the inline form (no prompt): only web and mail addresses.
    await typeAtEnd(staff.page, "");
    await staff.page.keyboard.press("Enter");
    await staff.page.keyboard.press("Control+k");
    const linkForm = staff.page.getByRole("form", { name: "Link bewerken" });
    await linkForm.getByLabel("Adres van de link").fill("javascript:alert(1)");
    await linkForm.getByRole("button", { name: "Link opslaan" }).click();
    await expect(linkForm).toContainText("Vul een volledig webadres in");
    await linkForm.getByLabel("Adres van de link").fill("www.zeewolde.nl");
    await linkForm.getByRole("button", { name: "Link opslaan" }).click();
    await expect(linkForm).toHaveCount(0);
    await expect(editorOf(page).getByRole("link", { name: "https://www.zeewolde.nl" })).toHaveAttribute("href", "https://www.zeewolde.nl", { timeout: LIVE });

    // A table, a row added, and that row undone again (undo takes back one's own edit).
    await staff.page.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: "Tabel invoegen" }).click();
    await expect(editorOf(page).locator("table th")).toHaveCount(3, { timeout: LIVE });
    await expect(editorOf(page).locator("table tr")).toHaveCount(3);
    await staff.page.keyboard.type("Doel");
    // Yjs groups edits made within 500 ms into one undo step; let the typing be its own step.
    await staff.page.waitForTimeout(700);
    await expect(toolbar.getByRole("button", { name: "Rij toevoegen" })).not.toHaveAttribute("aria-disabled", "true");
    await toolbar.getByRole("button", { name: "Rij toevoegen" }).click();
    await expect(editorOf(page).locator("table tr")).toHaveCount(4, { timeout: LIVE });
    await toolbar.getByRole("button", { name: "Ongedaan maken" }).click();
    await expect(editorOf(page).locator("table tr")).toHaveCount(3, { timeout: LIVE });
    await expect(editorOf(page).locator("table th").first()).toContainText("Doel");

    await expectSaved(page);
    await expectSaved(staff.page);
    await expect(staff.page.getByText(/\d+ woorden/)).toBeVisible();
    await checkPage(staff.page);

    // Stored: a fresh load shows both contributions.
    await staff.page.reload();
    await expect(editorOf(staff.page)).toContainText("De lead schrijft de eerste zin.", { timeout: LIVE });
    await expect(editorOf(staff.page)).toContainText("Sanne vult aan.");
  } finally {
    await staff.context.close();
  }

  // The list shows the new document as a concept in phase 1.
  await visit(page, `/g/${CODE}/documenten`);
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Eigen document");
  await expect(row).toContainText("Concept");
});

test("a viewer reads but cannot type, not even over the websocket", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  const path = await createDocument(page, uniqueTitle("Leesbaar"));
  await typeAtEnd(page, "Alleen de schrijvers wijzigen deze tekst.");
  await expectSaved(page);

  const viewer = await newSession(browser, DEMO.viewer);
  try {
    await openDocument(viewer.page, path, "readOnly");
    const editor = editorOf(viewer.page);
    await expect(editor).toContainText("Alleen de schrijvers wijzigen deze tekst.");
    await expect(editor).toHaveAttribute("contenteditable", "false");
    await expect(editor).toHaveAttribute("aria-readonly", "true");
    await expect(viewer.page.getByRole("toolbar")).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: "Opmerking bij selectie" })).toHaveCount(0);
    await expect(viewer.page.getByText("U kunt de opmerkingen lezen, maar niet reageren.")).toBeVisible();
    await editor.click();
    await viewer.page.keyboard.type("Kwijt!");
    await expect(editor).not.toContainText("Kwijt!");
    await checkPage(viewer.page);
    await viewer.page.reload();
    await expect(editorOf(viewer.page)).toContainText("Alleen de schrijvers wijzigen deze tekst.", { timeout: LIVE });
    await expect(editorOf(viewer.page)).toHaveAttribute("contenteditable", "false");
    await expect(editorOf(viewer.page)).not.toContainText("Kwijt!");

    // Over the websocket with the viewer's session: read-only, and a forced write is not stored.
    const client = await socketClient(viewer.context, documentIdOf(path));
    try {
      await expect.poll(() => client.events.synced, { timeout: LIVE }).toBe(true);
      expect(client.events.scope).toBe("readonly");
      expect(client.text()).toContain("Alleen de schrijvers wijzigen deze tekst.");
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("Ingeschoven door een lezer")]);
      client.ydoc.getXmlFragment("default").insert(0, [paragraph]);
      await expect.poll(() => client.provider.unsyncedChanges, { timeout: LIVE }).toBeGreaterThan(0);
    } finally {
      client.close();
    }
    await page.reload();
    await expect(editorOf(page)).toContainText("Alleen de schrijvers wijzigen deze tekst.", { timeout: LIVE });
    await expect(editorOf(page)).not.toContainText("Ingeschoven door een lezer");
    // A viewer's form post is refused.
    const response = await viewer.page.request.post(path, { form: { intent: "comment", body: "Mag niet", quote: "tekst" }, headers: { Origin: BASE_URL }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
  } finally {
    await viewer.context.close();
  }
});

test("a member of another municipality gets 404 and no content", async ({ page, browser }) => {
  const lead = await newSession(browser, DEMO.lead);
  const secret = "Geheime passage van Zeewolde";
  const title = uniqueTitle("Vertrouwelijk");
  let path: string;
  try {
    path = await createDocument(lead.page, title);
    await typeAtEnd(lead.page, secret);
    await expectSaved(lead.page);
  } finally {
    await lead.context.close();
  }
  const id = documentIdOf(path);

  // A real municipality no other journey uses; drawn per run, as repeated runs share one database.
  const [other, otherName] = OTHER_MUNICIPALITIES[crypto.randomInt(OTHER_MUNICIPALITIES.length)]!;
  await signUpVerifiedUser(page, "otto", "Otto Anderegemeente");
  await createMunicipality(page, otherName, other);
  for (const url of [path, `/g/${other}/documenten/${id}`]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Pagina niet gevonden" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(title);
    await expect(page.locator("body")).not.toContainText(secret);
    await expect(editorOf(page)).toHaveCount(0);
    await checkPage(page);
  }
  for (const url of [`${path}/export/md`, `${path}/export/pdf`, `/g/${other}/documenten/${id}/export/md`]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text()).not.toContain(secret);
  }
  const post = await page.request.post(path, { form: { intent: "comment", body: "Aanval", quote: "x" }, headers: { Origin: BASE_URL }, maxRedirects: 0 });
  expect(post.status()).toBe(404);

  // The websocket refuses the document and sends nothing of it.
  const client = await socketClient(page.context(), id);
  try {
    await expect.poll(() => client.events.denied, { timeout: LIVE }).not.toBeNull();
    expect(client.events.synced).toBe(false);
    expect(client.text()).not.toContain(secret);
  } finally {
    client.close();
  }

  // Their own documents list works and does not show Zeewolde's document.
  await visit(page, `/g/${other}/documenten`);
  await expect(page.locator("main")).not.toContainText(title);
});

test("comments on a selection: mention, reply, resolve and reopen", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  const title = uniqueTitle("Opmerkingen");
  const path = await createDocument(page, title);
  await typeAtEnd(page, "Eerste alinea van de visie.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Deze zin verdient een opmerking.");
  await expectSaved(page);

  const staff = await newSession(browser, DEMO.staff);
  try {
    await openDocument(staff.page, path);
    const editor = editorOf(staff.page);
    await expect(editor).toContainText("Deze zin verdient een opmerking.");

    // Nothing selected: the page says what to do.
    await editor.click();
    await staff.page.keyboard.press("Control+End");
    await staff.page.getByRole("button", { name: "Opmerking bij selectie" }).click();
    await expect(staff.page.getByText("Selecteer eerst in de tekst het stuk waar uw opmerking over gaat.")).toBeVisible();

    // Select the last line and comment on it, mentioning the lead.
    await editor.click();
    await staff.page.keyboard.press("Control+End");
    await staff.page.keyboard.press("Shift+Home");
    await staff.page.getByRole("button", { name: "Opmerking bij selectie" }).click();
    const form = staff.page.getByRole("form", { name: "Nieuwe opmerking" });
    await expect(form).toContainText("Deze zin verdient een opmerking.");
    await form.getByRole("button", { name: "Opmerking plaatsen" }).click();
    await expect(form.locator(".utrecht-form-field-error-message")).toContainText("Schrijf een opmerking.");
    await form.getByLabel("Opmerking", { exact: true }).fill(`@${NAMES.lead} kun je hier naar kijken?`);
    await form.getByRole("button", { name: "Opmerking plaatsen" }).click();
    await expect(staff.page.getByRole("status").filter({ hasText: "Uw opmerking is geplaatst." })).toBeVisible();
    const thread = staff.page.getByRole("article", { name: `Opmerking van ${NAMES.staff}` });
    await expect(thread).toContainText("kun je hier naar kijken?");
    await expect(editor.locator("mark.koers-comment")).toHaveText("Deze zin verdient een opmerking.");
    await expectSaved(staff.page);
    await checkPage(staff.page);

    // The lead sees the anchor and the thread arrive without reloading.
    const leadThread = page.getByRole("article", { name: `Opmerking van ${NAMES.staff}` });
    await expect(editorOf(page).locator("mark.koers-comment")).toHaveText("Deze zin verdient een opmerking.", { timeout: LIVE });
    await expect(leadThread).toBeVisible({ timeout: LIVE });

    // Clicking the quote selects the passage in the text.
    await leadThread.getByRole("button", { name: /Toon in de tekst/ }).click();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe("Deze zin verdient een opmerking.");

    // The mention reached the lead: a notification and a mail.
    await waitForMail(DEMO.lead, `${NAMES.staff} noemde u in “${title}”`);

    // The lead replies, then resolves; the thread moves to the resolved ones; staff reopens it.
    await leadThread.getByLabel("Uw reactie").fill("Goed punt, ik pas het aan.");
    await leadThread.getByRole("button", { name: /^Reageren/ }).click();
    await expect(leadThread.getByRole("list", { name: "1 reactie" })).toContainText("Goed punt, ik pas het aan.");
    await leadThread.getByRole("button", { name: /^Afronden/ }).click();
    await expect(page.getByText("1 afgeronde opmerking")).toBeVisible();
    await expect(page.getByText("Er zijn geen open opmerkingen.")).toBeVisible();
    await checkPage(page);

    // Staff sees the reply and the resolve arrive without reloading (the server announces them).
    await expect(staff.page.getByText("1 afgeronde opmerking")).toBeVisible({ timeout: LIVE });
    await expect(staff.page.getByText("Er zijn geen open opmerkingen.")).toBeVisible();
    // The resolved list opens by itself while the cursor is in the commented passage; else open it.
    const resolved = staff.page.getByRole("article", { name: `Opmerking van ${NAMES.staff}` });
    if (!(await resolved.isVisible())) await staff.page.getByText("1 afgeronde opmerking").click();
    await expect(resolved).toContainText(`afgerond door ${NAMES.lead}`);
    await expect(resolved).toContainText("Goed punt, ik pas het aan.");
    await resolved.getByRole("button", { name: /^Heropenen/ }).click();
    await expect(staff.page.getByText("1 afgeronde opmerking")).toHaveCount(0);
    await expect(staff.page.getByRole("article", { name: `Opmerking van ${NAMES.staff}` }).getByLabel("Uw reactie")).toBeVisible();
    // …and the lead sees it open again, live.
    await expect(page.getByText("1 afgeronde opmerking")).toHaveCount(0, { timeout: LIVE });
    await expect(leadThread.getByLabel("Uw reactie")).toBeVisible();
  } finally {
    await staff.context.close();
  }

  await visit(page, `/g/${CODE}/meldingen`);
  await expect(page.locator("main")).toContainText(`${NAMES.staff} noemde u in een opmerking bij “${title}”.`);
});

test("approving makes the document read-only for everyone at once; a new concept reopens it", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  const path = await createDocument(page, uniqueTitle("Vaststellen"));
  await typeAtEnd(page, "Tekst die wordt vastgesteld.");
  await expectSaved(page);

  const staff = await newSession(browser, DEMO.staff);
  try {
    await openDocument(staff.page, path);
    let navigated = false;
    staff.page.on("framenavigated", (frame) => {
      if (frame === staff.page.mainFrame()) navigated = true;
    });
    await expect(editorOf(staff.page)).toHaveAttribute("contenteditable", "true");

    await page.locator("summary", { hasText: "Vaststellen" }).click();
    await page.getByRole("button", { name: "Document vaststellen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Het document is vastgesteld." })).toBeVisible();
    await expect(page.locator("[data-document-status]")).toHaveText("Vastgesteld");
    await expect(editorOf(page)).toHaveAttribute("contenteditable", "false", { timeout: LIVE });
    await checkPage(page);

    // The other editor turns read-only without a reload, and says so.
    await expect(editorOf(staff.page)).toHaveAttribute("contenteditable", "false", { timeout: LIVE });
    await expect(staff.page.locator("[data-document-status]")).toHaveText("Vastgesteld", { timeout: LIVE });
    await expect(connection(staff.page)).toHaveAttribute("data-connection-state", "readOnly", { timeout: LIVE });
    await expect(staff.page.getByRole("toolbar")).toHaveCount(0);
    await editorOf(staff.page).click();
    await staff.page.keyboard.type("Na vaststelling");
    await expect(editorOf(staff.page)).not.toContainText("Na vaststelling");
    expect(navigated).toBe(false);
    await checkPage(staff.page);

    // A new concept needs a reason; then both can write again, still without a reload.
    await page.locator("summary", { hasText: "Nieuw concept starten" }).click();
    const reopen = page.locator("form", { has: page.getByLabel("Reden", { exact: true }) });
    await reopen.getByRole("button", { name: "Nieuw concept starten" }).click();
    await expect(fieldError(page, "Reden")).toContainText("Geef de reden voor het nieuwe concept");
    await page.getByLabel("Reden", { exact: true }).fill("De raad vraagt een extra doel.");
    await reopen.getByRole("button", { name: "Nieuw concept starten" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Er is een nieuw concept gestart." })).toBeVisible();
    await expect(page.locator("[data-document-status]")).toHaveText("Concept");
    await expect(editorOf(staff.page)).toHaveAttribute("contenteditable", "true", { timeout: LIVE });
    await expectSaved(staff.page);
    await typeAtEnd(staff.page, " Een extra doel.");
    await expect(editorOf(page)).toContainText("Een extra doel.", { timeout: LIVE });
    await expectSaved(staff.page);
    expect(navigated).toBe(false);
  } finally {
    await staff.context.close();
  }
});

test("a network drop: offline with unsent changes, a warning before leaving, merged on reconnect", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  const path = await createDocument(page, uniqueTitle("Onderweg"));
  await typeAtEnd(page, "Begin.");
  await expectSaved(page);

  const staff = await newSession(browser, DEMO.staff);
  try {
    // The staff browser's websocket runs through a switch we can open and close.
    let blocked = false;
    const sockets: WebSocketRoute[] = [];
    await staff.page.routeWebSocket(/\/collab$/, (ws) => {
      if (blocked) {
        void ws.close({ code: 4000, reason: "offline" });
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await openDocument(staff.page, path);
    await expect(editorOf(staff.page)).toContainText("Begin.");

    blocked = true;
    for (const ws of sockets.splice(0)) await ws.close();
    await expect(connection(staff.page)).toHaveAttribute("data-connection-state", "offline", { timeout: LIVE });
    await typeAtEnd(staff.page, " Geschreven zonder verbinding.");
    await expect(connection(staff.page)).toContainText(/Offline – \d+ wijziging(en)? nog niet verstuurd/);
    await expect(editorOf(staff.page)).toContainText("Geschreven zonder verbinding.");
    await checkPage(staff.page);
    // Meanwhile the lead writes too.
    await typeAtEnd(page, " De lead schrijft door.");
    await expectSaved(page);
    await expect(editorOf(page)).not.toContainText("Geschreven zonder verbinding.");

    // Leaving now asks first (beforeunload); staying keeps the page and the edits.
    const dialog = staff.page.waitForEvent("dialog");
    void staff.page.close({ runBeforeUnload: true });
    const shown = await dialog;
    expect(shown.type()).toBe("beforeunload");
    await shown.dismiss();
    await expect(editorOf(staff.page)).toContainText("Geschreven zonder verbinding.");

    // The network returns: the edits merge both ways.
    blocked = false;
    await staff.page.evaluate(() => window.dispatchEvent(new Event("online")));
    await expectSaved(staff.page);
    await expect(editorOf(page)).toContainText("Geschreven zonder verbinding.", { timeout: LIVE });
    await expect(editorOf(staff.page)).toContainText("De lead schrijft door.", { timeout: LIVE });
  } finally {
    await staff.context.close();
  }

  // A socket that never connects: "Document laden…", never an empty editor.
  const stuck = await newSession(browser, DEMO.staff);
  try {
    let open = false;
    await stuck.page.routeWebSocket(/\/collab$/, (ws) => {
      if (!open) {
        void ws.close({ code: 4000, reason: "offline" });
        return;
      }
      ws.connectToServer();
    });
    await stuck.page.goto(path);
    await expect(stuck.page.getByText("Document laden…").first()).toBeVisible();
    await expect(stuck.page.getByText("Er is nog geen verbinding met de server.", { exact: false })).toBeVisible({ timeout: 15_000 });
    await expect(editorOf(stuck.page)).toHaveCount(0);
    await checkPage(stuck.page);
    open = true;
    await stuck.page.getByRole("button", { name: "Nu opnieuw proberen" }).click();
    await expect(editorOf(stuck.page)).toContainText("Geschreven zonder verbinding.", { timeout: LIVE });
    await expectSaved(stuck.page);
  } finally {
    await stuck.context.close();
  }
});
