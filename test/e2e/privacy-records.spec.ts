/**
 * The DPO overview and the records of processing (issue 13 point 7, "Done means"): an administrator
 * shows how each right is honoured and how long data lives, writes the DPO's contact into the
 * record and prints it; the manager reads it on a phone; a coordinator has no access.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

const PAGE = "/administration/databeskyttelse";

test("an administrator shows the DPO the rights, the retention and the records of processing", async ({
  page,
}) => {
  await login(page, "admin");
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Administration", exact: true })
    .click();
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Databeskyttelse" })
    .click();
  await expect(page).toHaveURL(PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Databeskyttelse");

  // Each right, how it is honoured and where in Broen.
  for (const right of ["access", "rectification", "restriction", "consent", "erasure"]) {
    await expect(page.getByTestId(`right-${right}`).getByText("Hvor i Broen:")).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Indsigt (art. 15 og 20)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sletning og anonymisering (art. 17)" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Opbevaring:/ })).toHaveAttribute(
    "href",
    "/administration/opbevaring",
  );
  await expect(page.getByRole("link", { name: /^Planlagte job:/ })).toHaveAttribute(
    "href",
    "/administration/job",
  );

  // The record is assembled from the demo configuration.
  const doc = page.getByRole("article", { name: "Fortegnelse over behandlingsaktiviteter" });
  await expect(doc.getByText(/Fjordby Kommune \(kommunekode 999\)/)).toBeVisible();
  await expect(doc.getByTestId("records-volunteer-centres")).toContainText("Frivilligcenter Fjordby");
  await expect(doc.getByTestId("records-private-providers")).toContainText("Privathjælpen");
  await expect(doc.getByTestId("records-private-providers")).toContainText("Kær Pleje");
  await expect(doc.getByTestId("category-screenings")).toContainText("Særlig kategori: helbred (art. 9)");
  await expect(doc.getByTestId("category-identity")).toContainText(
    "CPR-nummer (databeskyttelseslovens § 11)",
  );
  await expect(doc.getByTestId("records-transfers")).toContainText("Ingen.");
  // Messages to citizens and the staff digest (issue 16): the processing and its processors.
  await expect(doc.getByRole("heading", { level: 4, name: "Beskeder og breve til borgeren" })).toBeVisible();
  await expect(doc.getByTestId("category-messaging")).toContainText("samtykket med historik");
  await expect(doc.getByTestId("category-staff_notifications")).toContainText("Min profil");
  await expect(doc.getByTestId("records-messaging")).toContainText("databehandler");
  const rules = doc.getByRole("table", { name: "Opbevaringsregler" });
  await expect(rules.getByRole("rowheader", { name: "Afsluttede forløb anonymiseres" })).toBeVisible();
  await expect(doc.getByTestId("records-dpo")).toHaveText("Ikke udfyldt endnu.");

  // The DPO's contact, written by the administrator, appears in section 1.
  await page
    .getByLabel("Databeskyttelsesrådgiver (DPO)")
    .fill("Dorte Dataskov, dpo@fjordby.example, 99 99 99 99");
  await page.getByRole("button", { name: "Gem kontaktoplysninger" }).click();
  await expect(page.getByText("Kontaktoplysningerne er gemt.")).toBeVisible();
  await expect(doc.getByTestId("records-dpo")).toHaveText("Dorte Dataskov, dpo@fjordby.example, 99 99 99 99");

  await expectNoSeriousViolations(page, "databeskyttelse, desktop");

  // On paper: the document alone, in large type — no menu, tabs, form or buttons.
  await page.emulateMedia({ media: "print" });
  await expect(doc).toBeVisible();
  await expect(page.locator("header").first()).toBeHidden();
  await expect(page.getByRole("button", { name: "Gem kontaktoplysninger" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Udskriv fortegnelsen" })).toBeHidden();
  await expect(page.getByTestId("right-access")).toBeHidden();
  const printedSize = await doc
    .locator("p")
    .first()
    .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(printedSize).toBeGreaterThanOrEqual(17); // 13 pt ≈ 17.3 px
});

test("the manager reads the records on a phone; a coordinator has no access", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  await login(page, "leder");
  // The manager's menu leads to the page without the rest of the administration.
  await page.getByRole("button", { name: "Menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer.getByRole("link", { name: "Administration", exact: true })).toHaveCount(0);
  await drawer.getByRole("link", { name: "Databeskyttelse", exact: true }).click();
  await expect(page).toHaveURL(PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Databeskyttelse");
  await expect(page.getByRole("article", { name: "Fortegnelse over behandlingsaktiviteter" })).toBeVisible();
  // Reading is the manager's; writing the contacts and the administrator's pages are not.
  await expect(page.getByRole("button", { name: "Gem kontaktoplysninger" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Opbevaring:/ })).toHaveCount(0);
  await expect(
    page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Brugere" }),
  ).toHaveCount(0);
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "databeskyttelse, 360 px");
  await page.context().close();

  const coordinator = await newPage(browser, PHONE, true);
  await login(coordinator, "koordinator");
  await coordinator.goto(PAGE);
  await expect(coordinator.getByRole("heading", { level: 1 })).not.toHaveText("Databeskyttelse");
  await expect(
    coordinator.getByRole("article", { name: "Fortegnelse over behandlingsaktiviteter" }),
  ).toHaveCount(0);
  await coordinator.context().close();
});
