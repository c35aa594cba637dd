/**
 * SCIM provisioning (issue 15 point 2): the administrator reaches "Provisionering" from the
 * administration's tabs, issues a SCIM token and sees it once; the identity provider creates and
 * deactivates a user with it at /scim/v2; revoking the token stops it at once — on a 360 px phone,
 * without serious accessibility violations.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

const BROEN = "urn:broen:scim:1.0:User";

test("the administrator issues a SCIM token, which provisions until it is revoked", async ({
  browser,
  request,
}) => {
  const page = await newPage(browser, PHONE);
  await login(page, "admin");
  await page.goto("/administration/organisationer");
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Provisionering" })
    .click();
  await expect(page).toHaveURL(/\/administration\/provisionering$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Provisionering");
  await expect(page.getByLabel("SCIM-adresse (tenant URL)")).toHaveValue(/\/scim\/v2$/);

  // A name is required.
  await page.getByRole("button", { name: "Udsted token" }).click();
  await expect(page.getByText("Skal udfyldes.").first()).toBeVisible();

  const name = `Entra ID ${Date.now()}`;
  await page.getByLabel("Navn").fill(name);
  await page.getByRole("button", { name: "Udsted token" }).click();
  const issued = page.getByTestId("scim-token-issued");
  await expect(issued).toContainText(`Tokenet til ${name} er udstedt`);
  const token = await issued.getByLabel("Token").inputValue();
  expect(token).toMatch(/^broen-scim-/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Aldrig");
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "provisioning: SCIM tokens (phone)");

  // The identity provider creates a user and deactivates them.
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };
  const userName = `scim.${Date.now()}@fjordby.dk`;
  const created = await request.post("/scim/v2/Users", {
    headers,
    data: {
      userName,
      name: { givenName: "Sigrid", familyName: "Provst" },
      [BROEN]: { role: "home_care_worker", organisationName: "Hjemmeplejen" },
    },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const patched = await request.patch(`/scim/v2/Users/${id}`, {
    headers,
    data: { Operations: [{ op: "replace", path: "active", value: false }] },
  });
  expect(patched.status()).toBe(200);
  expect(((await patched.json()) as { active: boolean }).active).toBe(false);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("Aldrig");

  // Revoked (asked twice): the token stops at once, and it is gone from the page.
  await page
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("button", { name: /Tilbagekald/ })
    .click();
  await page.getByRole("button", { name: "Ja, tilbagekald" }).click();
  await expect(page.getByText(`${name} er tilbagekaldt.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Tilbagekaldt");
  expect((await request.get("/scim/v2/Users?count=1", { headers })).status()).toBe(401);
});
