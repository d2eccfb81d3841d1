import { describe, expect, it } from "vitest";
import { renderMail } from "../../emails/templates";

const props = {
  name: "Sanne Jansen",
  url: "http://localhost:3000/g/GM0050/quickscan/0b0c8f9e-0000-4000-8000-000000000001/invullen",
  municipality: "Zeewolde",
  round: "Nulmeting 2026",
  inviter: "Fatima el Amrani",
};

describe("quickscan mails", () => {
  it("invites in Dutch with the link and the due date", async () => {
    const mail = await renderMail("scan-invitation", { ...props, dueDate: "2026-12-31" }, "nl");
    expect(mail.subject).toBe("Vul de quickscan “Nulmeting 2026” in voor Zeewolde");
    expect(mail.html).toContain(`href="${props.url}"`);
    expect(mail.text).toContain("Beste Sanne Jansen,");
    expect(mail.text).toContain("Fatima el Amrani vraagt u de volwassenheidsscan “Nulmeting 2026” van Zeewolde in te vullen");
    expect(mail.text).toContain("Graag ingevuld vóór 31 december 2026.");
    expect(mail.text).toContain("Quickscan invullen");
  });

  it("leaves the due sentence out without a date, and speaks English when asked", async () => {
    const nl = await renderMail("scan-invitation", props, "nl");
    expect(nl.text).not.toContain("Graag ingevuld");
    const en = await renderMail("scan-invitation", { ...props, dueDate: "2026-12-31" }, "en");
    expect(en.subject).toBe("Answer the quickscan “Nulmeting 2026” for Zeewolde");
    expect(en.text).toContain("Please answer by 31 December 2026.");
  });

  it("reminds with the same link", async () => {
    const mail = await renderMail("scan-reminder", props, "nl");
    expect(mail.subject).toBe("Herinnering: vul de quickscan “Nulmeting 2026” in");
    expect(mail.html).toContain(`href="${props.url}"`);
    expect(mail.text).toContain("Verder met de quickscan");
  });

  it("refuses a malformed due date", async () => {
    await expect(renderMail("scan-invitation", { ...props, dueDate: "31-12-2026" }, "nl")).rejects.toThrow();
  });
});
