/**
 * "Beskeder" (issue 16, decision 0105): on a 360 px phone the administrator sets up the e-mail
 * channel against an SMTP server the test runs (quiet hours off), sends a test message that
 * arrives, and sees in the outbox the coordinator's message to a citizen go from waiting to sent —
 * the e-mail arriving at the citizen's address in Danish — and cancels one that waits while e-mail
 * is switched off. axe and no sideways scrolling.
 */
import { randomUUID } from "node:crypto";
import { type Page, expect, test } from "@playwright/test";
import { type TestSmtpServer, startTestSmtpServer } from "../support/smtp-server";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
test.afterAll(async () => {
  await smtp?.close();
});

/** As the coordinator: consent to e-mail for a caseload citizen, and a message queued to them. */
async function coordinatorMessage(page: Page, email: string): Promise<void> {
  await login(page, "koordinator");
  const [course] = (await (await page.request.get("/api/courses/caseload")).json()) as {
    citizen: { id: string };
  }[];
  const id = course!.citizen.id;
  const write = (url: string, data: unknown, method: "put" | "post") =>
    page.request[method](url, { data, headers: { "idempotency-key": randomUUID() } });
  const consent = await write(
    `/api/citizens/${id}/messaging-consent`,
    {
      consent: true,
      channel: "email",
      phone: null,
      email,
      remindersEnabled: true,
      relativeContactId: null,
      relativeChannel: null,
      relativePhone: null,
      relativeEmail: null,
      lang: "da",
    },
    "put",
  );
  expect(consent.status(), await consent.text()).toBeLessThan(300);
  const sent = await write(`/api/citizens/${id}/messages`, { templateKey: "citizen.general" }, "post");
  expect(sent.status(), await sent.text()).toBeLessThan(300);
  await page.request.post("/api/auth/logout");
}

test("the administrator sets up e-mail, tests it and follows the outbox", async ({ browser }) => {
  // Delivery is the job queue's (a round every minute, or at once after a save): allow for it.
  test.setTimeout(240_000);
  const page = await newPage(browser, PHONE);
  await coordinatorMessage(page, "borger.a@example.dk");
  await login(page, "admin");
  await page.goto("/administration/beskeder");
  await expect(page.getByRole("heading", { level: 1, name: "Beskeder" })).toBeVisible();

  // The channel: refused with the fields named, then saved.
  const form = page.getByRole("form", { name: "Kanaler og stilletid" });
  await form.getByLabel("Send e-mails").check();
  await form.getByRole("button", { name: "Gem" }).click();
  await expect(form.getByRole("link", { name: /SMTP-server/ })).toBeVisible();
  await form.getByLabel("SMTP-server").fill("127.0.0.1");
  await form.getByLabel("Port", { exact: true }).fill(String(smtp.port));
  await form.getByLabel("Afsenderadresse").fill("broen@fjordby.dk");
  await form.getByLabel("Brug stilletid").uncheck();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "messaging: channels form (phone)");
  await form.getByRole("button", { name: "Gem" }).click();
  await expect(form.getByText("Indstillingerne er gemt.")).toBeVisible();
  await expect(form.getByText("Klar")).toBeVisible();

  // A test message arrives.
  const testForm = page.getByRole("form", { name: "Send en prøvebesked" });
  await testForm.getByLabel("E-mailadresse").fill("admin@fjordby.dk");
  await testForm.getByRole("button", { name: "Send prøvebesked" }).click();
  await expect(testForm.getByText("Prøvebeskeden er sendt.")).toBeVisible();
  await smtp.waitFor(1);
  expect(smtp.envelopes.some((e) => e.to.includes("admin@fjordby.dk"))).toBe(true);

  // The coordinator's message is delivered by the job queue (within a minute): sent in the outbox.
  const outbox = page.getByRole("region", { name: "Udbakke" });
  await expect
    .poll(
      async () => {
        await page.reload();
        const region = page.getByRole("region", { name: "Udbakke" });
        await expect(region.getByTestId("outbox-counts")).toBeVisible();
        return region.getByRole("table").getByText("Sendt", { exact: true }).count();
      },
      { timeout: 90_000, intervals: [2000] },
    )
    .toBeGreaterThan(0);
  const mail = (await smtp.waitFor(2, 30_000)).find((m) =>
    smtp.envelopes[smtp.messages.indexOf(m)]!.to.includes("borger.a@example.dk"),
  );
  expect(mail).toBeDefined();
  expect(mail!.text).not.toMatch(/\d{6}-?\d{4}/);
  await outbox
    .getByRole("button", { name: /Vis teksten til/ })
    .first()
    .click();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "messaging: outbox (phone)");

  // E-mail switched off: a new message waits, visibly, and can be cancelled.
  await page.getByRole("form", { name: "Kanaler og stilletid" }).getByLabel("Send e-mails").uncheck();
  await page.getByRole("form", { name: "Kanaler og stilletid" }).getByRole("button", { name: "Gem" }).click();
  await expect(page.getByText("Indstillingerne er gemt.")).toBeVisible();
  await page.request.post("/api/auth/logout");
  await coordinatorMessage(page, "borger.b@example.dk");
  await login(page, "admin");
  await page.goto("/administration/beskeder");
  const waiting = page.getByRole("region", { name: "Udbakke" });
  await waiting.getByLabel("Status").selectOption({ label: "Venter" });
  // The coordinator's message, one row. The reminder job (every minute) may also have queued a
  // reminder of the citizen's next visit to the new address: a row of its own, "Påmindelse".
  const ours = () =>
    page
      .getByRole("region", { name: "Udbakke" })
      .locator("tbody tr")
      .filter({ hasText: "borger.b@example.dk" })
      .filter({ hasText: "Besked til borger" });
  await expect(ours()).toHaveCount(1);
  await expect
    .poll(
      async () => {
        await page.reload();
        const region = page.getByRole("region", { name: "Udbakke" });
        await expect(region.getByTestId("outbox-counts")).toBeVisible();
        return region.getByText("E-mail er slået fra – venter").count();
      },
      { timeout: 90_000, intervals: [2000] },
    )
    .toBeGreaterThan(0);
  await ours()
    .getByRole("button", { name: /Annuller beskeden til/ })
    .click();
  await expect(ours().getByText("Annulleret")).toBeVisible();
  await page.context().close();
});
