/**
 * The citizen's consent and the coordinator's message (issue 16): the coordinator records on the
 * citizen's page that the citizen wants SMS — a phone number that is not one is refused at its
 * field, a right one is stored as +45… and the recording shows in the history — then, on the course
 * page, sees the message as the citizen will get it, sends it, and finds it in the list of what was
 * sent. axe on both sections; the citizen's page and the course page at 360 px without sideways
 * scrolling. An administrator writes a new version of a template under Administration → Beskeder: a CPR
 * number is refused at the text, the new version shows as "Version 1".
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("a coordinator records a citizen's consent and sends them a message", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "koordinator");
  const caseload = (await (await page.request.get("/api/courses/caseload")).json()) as {
    id: string;
    citizen: { id: string };
  }[];
  // A course still open, so the message can be written.
  const course = caseload[0]!;

  await page.goto(`/borgere/${course.citizen.id}`);
  const section = page.getByRole("region", { name: "Beskeder og samtykke" });
  await expect(section).toBeVisible();
  await section.getByRole("button", { name: /Registrér samtykke|Ret samtykke/ }).click();
  await section.getByLabel("Borgeren vil gerne have SMS eller e-mail fra kommunen").check();
  await section.getByLabel("Kanal").selectOption("sms");
  await section.getByLabel(/^Mobilnummer/).fill("2233 445");
  await section.getByRole("button", { name: "Gem samtykke" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Mobilnummer" });
  await expect(summary).toBeFocused();
  await expect(section.getByLabel(/^Mobilnummer/)).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousViolations(page, "consent form with an error");

  await section.getByLabel(/^Mobilnummer/).fill("22 33 44 55");
  await section.getByRole("button", { name: "Gem samtykke" }).click();
  await expect(section.getByText("Borgeren kan få påmindelser og beskeder på SMS.")).toBeVisible();
  await expect(section.getByRole("table", { name: "Borgerens samtykke lige nu" })).toContainText(
    "+4522334455",
  );
  await expect(section.getByRole("heading", { name: "Tidligere registreringer" })).toBeVisible();
  await expect(section.getByRole("region", { name: "Tidligere registreringer" })).toContainText(
    "Camilla Holt",
  );
  await expectNoSeriousViolations(page, "citizen page with the consent");

  const phone = await newPage(browser, PHONE, true);
  await login(phone, "koordinator");
  await phone.goto(`/borgere/${course.citizen.id}`);
  await expect(phone.getByRole("heading", { name: "Beskeder og samtykke" })).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);

  await page.goto(`/forloeb/${course.id}`);
  const messages = page.getByRole("region", { name: "Send besked" });
  await expect(messages).toBeVisible();
  await messages.getByLabel("Skabelon").selectOption("citizen.motivation");
  await expect(messages.getByText("Sendes som SMS til +4522334455.")).toBeVisible();
  await expect(messages.locator("blockquote")).toContainText("Camilla Holt");
  const sendRequest = page.waitForRequest((r) => r.method() === "POST" && /\/messages$/.test(r.url()));
  await messages.getByRole("button", { name: "Send besked" }).click();
  expect((await sendRequest).headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{32,36}$/);
  await expect(messages.getByText("Beskeden er sendt")).toBeVisible();
  const sent = messages.getByRole("region", { name: "Sendte beskeder og påmindelser" });
  await expect(sent).toContainText("+4522334455");
  await expect(sent).toContainText(/Venter|Sendt/);
  await expectNoSeriousViolations(page, "course page with the message section");

  await phone.goto(`/forloeb/${course.id}`);
  await expect(phone.getByRole("heading", { name: "Send besked" })).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
});

test("an administrator writes a new version of a template; a CPR number is refused", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "admin");
  await page.goto("/administration/beskeder");
  const panel = page.getByRole("region", { name: "Skabeloner" });
  await expect(panel).toBeVisible();
  await panel.getByRole("button", { name: "Ret tekst Besked fra koordinatoren, dansk" }).click();
  const text = panel.getByLabel("Tekst", { exact: true });
  await text.fill("Hej {fornavn}, dit CPR-nummer er 010150-1234.");
  await panel.getByRole("button", { name: "Gem ny version" }).click();
  await expect(panel.getByText("Må ikke indeholde et CPR-nummer.").first()).toBeVisible();
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await text.fill("Hej {fornavn}. Ring til {koordinator} på {telefon}.");
  await panel.getByRole("button", { name: "Gem ny version" }).click();
  await expect(panel.getByText("Hej {fornavn}. Ring til {koordinator} på {telefon}.")).toBeVisible();
  await expect(panel.getByText("Version 1")).toBeVisible();
  await expectNoSeriousViolations(page, "templates panel");
});
