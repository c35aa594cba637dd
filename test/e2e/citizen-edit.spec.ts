/**
 * Keeping the register: create a citizen (the browser validates with the server's schema; what
 * only the server knows, a duplicate CPR, lands on the field), edit with a stale version (409),
 * and add and remove a relative.
 */
import { type Page, expect, test } from "@playwright/test";
import { login } from "./support";

const CPR = "010203-4321";

async function fillCitizen(page: Page, lastName: string) {
  await page.getByLabel("CPR-nummer").fill(CPR);
  await page.getByLabel("Fornavn").fill("Testa");
  await page.getByLabel("Efternavn").fill(lastName);
  await page.getByLabel("Adresse", { exact: true }).fill("Prøvevej 1");
  await page.getByLabel("Postnummer").fill("9901");
  await page.getByLabel("By", { exact: true }).fill("Fjordby");
}

test("a coordinator registers a citizen, edits it and keeps its relatives", async ({ page }) => {
  await login(page, "koordinator");
  await page.goto("/borgere");
  await page.getByRole("link", { name: "Opret borger" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Opret borger" })).toBeVisible();

  // Client-side: the same schema as the server, reasons shown at the fields and in the summary.
  await page.getByLabel("CPR-nummer").fill("310299-1234");
  await page.getByRole("button", { name: "Opret borger" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Der er problemer med formularen" });
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole("link", { name: "CPR-nummer: CPR-nummerets fødselsdato findes ikke." }),
  ).toBeVisible();
  await expect(summary.getByRole("link", { name: "Fornavn: Skal udfyldes." })).toBeVisible();
  await expect(page.getByLabel("CPR-nummer")).toHaveAttribute("aria-invalid", "true");

  await fillCitizen(page, "Registersen");
  await page.getByLabel("Distrikt").selectOption({ label: "Distrikt Nord" });
  const createRequest = page.waitForRequest(
    (r) => r.method() === "POST" && r.url().endsWith("/api/citizens"),
  );
  await page.getByRole("button", { name: "Opret borger" }).click();
  // A write from the web app carries an Idempotency-Key, so a double tap or retry is stored once.
  expect((await createRequest).headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{32,36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Testa Registersen");
  await expect(page.getByText("Borgeren er oprettet")).toBeVisible();
  await expect(page.getByTestId("cpr-value")).toHaveText("010203-XXXX");
  const citizenUrl = page.url();
  const citizenId = citizenUrl.split("/").at(-1)!;

  // Server-side: the same CPR again is refused at the CPR field.
  await page.goto("/borgere/ny");
  await fillCitizen(page, "Dobbelt");
  await page.getByRole("button", { name: "Opret borger" }).click();
  await expect(page.getByText("Fejl: Der findes allerede en borger med dette CPR-nummer.")).toBeVisible();
  await expect(page.getByLabel("CPR-nummer")).toHaveAttribute("aria-invalid", "true");

  // Edit while someone else saves first: a 409, then the latest data.
  await page.goto(citizenUrl);
  await page.getByRole("link", { name: "Ret stamdata" }).click();
  await expect(page.getByLabel("Efternavn")).toHaveValue("Registersen");
  const current = await (await page.request.get(`/api/citizens/${citizenId}`)).json();
  const other = await page.request.patch(`/api/citizens/${citizenId}`, {
    data: { city: "Sønderhede", version: current.version },
  });
  expect(other.status()).toBe(200);
  await page.getByLabel("Telefon").fill("12345678");
  await page.getByRole("button", { name: "Gem ændringer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Borgeren er ændret af en anden" })).toBeVisible();
  await page.getByRole("button", { name: "Hent de nyeste oplysninger" }).click();
  await expect(page.getByLabel("By", { exact: true })).toHaveValue("Sønderhede");
  await page.getByLabel("Telefon").fill("12345678");
  await page.getByRole("button", { name: "Gem ændringer" }).click();
  await expect(page.getByText("Ændringerne er gemt")).toBeVisible();
  await expect(page.getByRole("row", { name: /Telefon/ })).toContainText("12345678");

  // Relatives: add one (with a validation error first), then remove it.
  await page.getByRole("button", { name: "Tilføj kontakt" }).click();
  await page.getByLabel("Telefon (frivilligt)").last().fill("12");
  await page.getByRole("button", { name: "Tilføj", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Der er problemer med formularen" })).toBeFocused();
  await page.locator("#contact-name").fill("Bente Registersen");
  await page.getByLabel("Relation").fill("datter");
  await page.locator("#contact-phone").fill("87654321");
  await page.getByRole("button", { name: "Tilføj", exact: true }).click();
  const contacts = page.getByRole("table", { name: "Kontaktpersoner og pårørende" });
  await expect(contacts.getByRole("row", { name: /Bente Registersen/ })).toContainText("Pårørende");
  await contacts.getByRole("button", { name: "Fjern Bente Registersen" }).click();
  await contacts.getByRole("button", { name: "Ja, fjern Bente Registersen" }).click();
  await expect(page.getByText("Der er ikke registreret kontaktpersoner eller pårørende.")).toBeVisible();
});
