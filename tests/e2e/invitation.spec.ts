// Invitation journey: a programme lead invites a new address; the invitee signs up from the mail,
// verifies, accepts and works in the municipality; someone in two municipalities switches between them.
import { expect, test } from "@playwright/test";
import { checkPage, createMunicipality, DEMO, DEMO_CODE, fieldError, NEW_PASSWORD, signIn, signOut, uniqueEmail, visit } from "./support/app";
import { linkFrom, waitForMail } from "./support/mail";

test("a lead invites staff by mail; the invitee signs up, accepts, and switches municipalities", async ({ page }) => {
  const invitee = uniqueEmail("sanne");
  const inviteeName = "Sanne Uitgenodigd";

  // The lead invites a new address as staff (Medewerker).
  await signIn(page, DEMO.lead);
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}$`));
  await checkPage(page);
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Leden" }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}/leden$`));
  await expect(page.getByRole("heading", { level: 1, name: "Leden" })).toBeVisible();
  await checkPage(page);

  const inviteForm = page.locator("section", { has: page.getByRole("heading", { name: "Iemand uitnodigen" }) });
  await inviteForm.getByLabel("E-mailadres").fill("geen-adres");
  await inviteForm.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(fieldError(page, "E-mailadres")).toHaveText("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.");

  await inviteForm.getByLabel("E-mailadres").fill(invitee);
  await inviteForm.getByLabel("Rol", { exact: true }).selectOption({ label: "Medewerker" });
  await inviteForm.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByRole("status")).toHaveText(`Uitnodiging verstuurd naar ${invitee}.`);
  const pending = page.getByRole("table", { name: "Openstaande uitnodigingen" });
  await expect(pending.getByRole("row", { name: new RegExp(invitee) })).toContainText("Medewerker");
  await checkPage(page);

  // Inviting the same address again is refused.
  await inviteForm.getByLabel("E-mailadres").fill(invitee);
  await inviteForm.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(fieldError(page, "E-mailadres")).toHaveText(`Er staat al een uitnodiging open voor ${invitee}.`);
  await checkPage(page);

  await signOut(page);

  // The invitee opens the link from the mail, signs up from the invitation.
  const mail = await waitForMail(invitee, "Uitnodiging voor Zeewolde in Koers");
  expect(mail.text).toContain("Fatima el Amrani nodigt u uit om als Medewerker mee te werken aan Zeewolde");
  const invitationUrl = linkFrom(mail, "/uitnodiging/");
  await page.goto(invitationUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging voor Zeewolde" })).toBeVisible();
  await expect(page.getByText("Fatima el Amrani nodigt u uit als Medewerker in Zeewolde.")).toBeVisible();
  await checkPage(page);

  await page.getByRole("link", { name: "Account aanmaken" }).click();
  await expect(page).toHaveURL(/\/registreren\?redirectTo=/);
  await expect(page.getByLabel("E-mailadres")).toHaveValue(invitee);
  await checkPage(page);
  await page.getByLabel("Volledige naam").fill(inviteeName);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page).toHaveURL(/\/registreren\/controleer-email/);
  await checkPage(page);

  // Verify, sign in: back on the invitation, accept.
  const verifyMail = await waitForMail(invitee, "Bevestig uw e-mailadres");
  await page.goto(linkFrom(verifyMail, "/e-mail-bevestigen"));
  await expect(page).toHaveURL(/\/inloggen\?bevestigd=1&redirectTo=%2Fuitnodiging%2F/);
  await expect(page.getByRole("status")).toContainText("Uw e-mailadres is bevestigd");
  await checkPage(page);
  await page.getByLabel("E-mailadres").fill(invitee);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Inloggen", exact: true }).click();
  await expect(page).toHaveURL(invitationUrl);
  await checkPage(page);
  await page.getByRole("button", { name: "Uitnodiging aannemen" }).click();

  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Programma-overzicht" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText(`Medewerker · ${DEMO_CODE}`);
  await checkPage(page);

  // The members page lists the new member (staff see no invite form).
  await visit(page, `/g/${DEMO_CODE}/leden`);
  const members = page.getByRole("table", { name: "Huidige leden" });
  await expect(members.getByRole("row", { name: new RegExp(invitee) })).toContainText(inviteeName);
  await expect(members.getByRole("row", { name: new RegExp(invitee) })).toContainText("Medewerker");
  await expect(page.getByRole("heading", { name: "Iemand uitnodigen" })).toHaveCount(0);

  // The invitation link is used up.
  await visit(page, invitationUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Uitnodiging niet geldig" })).toBeVisible();

  // Member of a second municipality: switch between the two via /gemeenten.
  await createMunicipality(page, "Utrecht", "GM0344");
  await page.getByRole("link", { name: "Wissel van gemeente" }).click();
  await expect(page).toHaveURL(/\/gemeenten$/);
  await expect(page.getByRole("heading", { level: 1, name: "Kies een gemeente" })).toBeVisible();
  await expect(page.getByText(`Uw rol: Medewerker · ${DEMO_CODE}`)).toBeVisible();
  await expect(page.getByText("Uw rol: Programmaleider · GM0344")).toBeVisible();
  await checkPage(page);

  await page.getByRole("link", { name: "Zeewolde" }).click();
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}$`));
  await expect(page.getByText("Waar staat Zeewolde in de vier fasen?")).toBeVisible();
  await checkPage(page);
  // "/" opens the municipality last worked in.
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/g/${DEMO_CODE}$`));

  await page.getByRole("link", { name: "Wissel van gemeente" }).click();
  await checkPage(page);
  await page.getByRole("link", { name: "Utrecht" }).click();
  await expect(page).toHaveURL(/\/g\/GM0344$/);
  await expect(page.getByText("Waar staat Utrecht in de vier fasen?")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toContainText("Programmaleider · GM0344");
  await checkPage(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/g\/GM0344$/);
});
