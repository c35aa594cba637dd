/**
 * System clients of the FHIR read API (issue 14 point 3): the administrator issues a client on
 * "Omsorgsjournal", sees its secret once, the client gets a token with it and reads /fhir/R4, and
 * revoking it stops the token at once — on a 360 px phone, without serious accessibility violations.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("the administrator issues a FHIR client, which reads until it is revoked", async ({
  browser,
  request,
}) => {
  const page = await newPage(browser, PHONE);
  await login(page, "admin");
  await page.goto("/administration/omsorgsjournal");
  const section = page.getByRole("region", { name: "Systemklienter (FHIR-læseadgang)" });
  await expect(section).toBeVisible();

  // A name is required.
  await section.getByRole("button", { name: "Opret systemklient" }).click();
  await expect(section.getByText("Skal udfyldes.").first()).toBeVisible();

  const name = `Datavarehus ${Date.now()}`;
  await section.getByLabel("Navn").fill(name);
  await section.getByRole("button", { name: "Opret systemklient" }).click();
  const issued = section.getByTestId("fhir-client-issued");
  await expect(issued).toContainText(`Systemklienten "${name}" er oprettet`);
  const clientId = await issued.getByLabel("Klient-id").inputValue();
  const secret = await issued.getByLabel("Hemmelighed").inputValue();
  expect(secret.length).toBeGreaterThanOrEqual(40);
  await expect(section.getByRole("row", { name: new RegExp(name) })).toContainText("Alle ressourcetyper");
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "care record: system clients (phone)");

  // The client's credential gives a token that reads the FHIR API.
  const token = await request.post("/fhir/R4/auth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
  });
  expect(token.status()).toBe(200);
  const bearer = {
    authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}`,
  };
  expect((await request.get("/fhir/R4/Patient?_count=1", { headers: bearer })).status()).toBe(200);

  // Revoked (asked twice): the token stops at once, and the secret is gone from the page.
  const row = section.getByRole("row", { name: new RegExp(name) });
  await row.getByRole("button", { name: /Tilbagekald/ }).click();
  await row.getByRole("button", { name: "Ja, tilbagekald" }).click();
  await expect(section.getByText(`Systemklienten "${name}" er tilbagekaldt.`)).toBeVisible();
  await expect(section.getByTestId("fhir-client-issued")).toHaveCount(0);
  await expect(row).toContainText("Tilbagekaldt");
  expect((await request.get("/fhir/R4/Patient?_count=1", { headers: bearer })).status()).toBe(401);
});
