/**
 * Login with the municipality's identity provider (issue 15 point 1, decision 0101), through a real
 * OpenID provider (`oidc-provider`) started by this file: the administrator connects it on
 * "Log-ind" and maps a group to a role and a unit (also on a 360 px phone); a member of staff
 * clicks "Log ind med …", logs in on the provider's own form, lands in Broen as a new user with the
 * mapped role; logout ends the provider's session too; someone whose claims map to no role is
 * refused with a message they understand. No serious accessibility violations on the way.
 */
import { type Page, expect, test } from "@playwright/test";
import { type TestProvider, startTestProvider } from "../support/oidc-provider.js";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

let idp: TestProvider;
const broen = () => test.info().project.use.baseURL!;

test.beforeAll(async () => {
  idp = await startTestProvider({
    redirectUris: [`${broen()}/api/auth/oidc/callback`],
    postLogoutRedirectUris: [`${broen()}/login`],
    accounts: [
      {
        sub: "e2e-planner",
        claims: {
          name: "Ida Ilsø",
          preferred_username: "ida.ilsoe@fjordby.dk",
          roles: ["broen-planlaegger"],
          unit: "hjemmeplejen-nord",
        },
      },
      {
        sub: "e2e-norole",
        claims: { name: "Ulla Uden", roles: ["andet-system"], unit: "hjemmeplejen-nord" },
      },
    ],
  });
});
test.afterAll(async () => {
  await idp?.close();
});

/** The provider's own login form (any username; the development provider checks no password). */
async function logInAtProvider(page: Page, sub: string) {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}`));
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill("hemmelig");
  await page.locator('button[type="submit"]').click();
}

test("staff log in with the municipality's identity provider, mapped to a role, and log out of both", async ({
  browser,
}) => {
  // The administrator connects the provider.
  const admin = await newPage(browser, { width: 1280, height: 800 });
  await login(admin, "admin");
  await admin.goto("/administration/organisationer");
  await admin
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Log-ind" })
    .click();
  await expect(admin).toHaveURL(/\/administration\/log-ind$/);
  await expect(admin.getByText(`${broen()}/api/auth/oidc/callback`)).toBeVisible();
  await admin.getByLabel("Navn på knappen").fill("Fjordby Kommune");
  await admin.getByLabel("Issuer (udsteder)").fill(idp.issuer);
  await admin.getByLabel("Klient-id (application id)").fill(idp.clientId);
  await admin.getByLabel(/^Klienthemmelighed/).fill(idp.clientSecret);
  await admin.getByRole("button", { name: "Tilføj linje" }).first().click();
  await admin.getByLabel("Værdi i claimet").first().fill("broen-planlaegger");
  await admin.getByLabel("Rolle i Broen").selectOption({ label: "Planlægger" });
  await admin.getByLabel(/^Claim med enhed/).fill("unit");
  await admin.getByRole("button", { name: "Tilføj linje" }).nth(1).click();
  await admin.locator("#idp-unit-value-0").fill("hjemmeplejen-nord");
  await admin.getByLabel("Organisation").selectOption({ label: "Hjemmeplejen" });
  await admin.getByLabel("Distrikt").selectOption({ label: "Distrikt Nord" });
  await admin.getByLabel("Slå log-ind via kommunens log-in til").check();
  await admin.getByRole("button", { name: "Gem" }).click();
  await expect(admin.getByText("Indstillingerne er gemt.")).toBeVisible();
  await admin.getByRole("button", { name: "Test forbindelsen" }).click();
  await expect(admin.getByText(/Broen fik fat i udbyderen/)).toBeVisible();
  await expectNoSeriousViolations(admin, "identity provider page (desktop)");

  const phone = await newPage(browser, PHONE, true);
  await login(phone, "admin");
  await phone.goto("/administration/log-ind");
  await expect(phone.getByLabel("Issuer (udsteder)")).toHaveValue(idp.issuer);
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "identity provider page (phone)");
  await phone.context().close();

  // A member of staff logs in through the provider and is created with the mapped role.
  const staff = await newPage(browser, { width: 1280, height: 800 });
  await staff.goto("/login");
  await staff.getByRole("link", { name: "Log ind med Fjordby Kommune" }).click();
  await logInAtProvider(staff, "e2e-planner");
  await expect(staff).toHaveURL(`${broen()}/`);
  await expect(staff.getByText("Ida Ilsø").first()).toBeVisible();
  const me = await (await staff.request.get("/api/auth/me")).json();
  expect(me).toMatchObject({
    username: "ida.ilsoe@fjordby.dk",
    role: "planner",
    district: { name: "Distrikt Nord" },
  });

  // Logout ends Broen's session and the provider's (its own confirmation), back on Broen's login page.
  await staff.getByRole("button", { name: "Log af" }).first().click();
  await expect(staff).toHaveURL(new RegExp(`^${idp.issuer}`));
  await staff.locator('button[type="submit"]').first().click();
  await expect(staff).toHaveURL(`${broen()}/login`);
  expect((await staff.request.get("/api/auth/me")).status()).toBe(401);

  // Claims that map to no role: refused, with a message the user understands.
  await staff.getByRole("link", { name: "Log ind med Fjordby Kommune" }).click();
  await logInAtProvider(staff, "e2e-norole");
  await expect(staff).toHaveURL(/\/login\?fejl=oidc_no_role$/);
  await expect(staff.getByRole("alert")).toContainText("Du har ingen rolle i Broen");
  await expectNoSeriousViolations(staff, "login page with a refused login");

  // Leave the shared demo installation as it was: the provider off again.
  await admin.reload();
  await admin.getByLabel("Slå log-ind via kommunens log-in til").uncheck();
  await admin.getByRole("button", { name: "Gem" }).click();
  await expect(admin.getByText("Indstillingerne er gemt.")).toBeVisible();
});
