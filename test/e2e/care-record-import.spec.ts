/**
 * "Import af hjemmeplejens borgere" (issue 14, decision 0098): the administrator gives a provider
 * its SOR code, uploads the CSV sample, reads the preview (CPR masked, reasons per row) and applies
 * it; on a 360 px phone uploads the NDJSON sample and discards the preview — without serious
 * accessibility violations or sideways scrolling.
 */
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

const sample = (name: string) => fileURLToPath(new URL(`../../samples/care-record/${name}`, import.meta.url));

test("the administrator previews and applies the CSV sample, and discards an NDJSON preview on a phone", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "admin");

  // The care record names providers by SOR code: Hjemmeplejen gets the sample's code.
  await page.goto("/administration/organisationer");
  await page.getByRole("button", { name: "Omdøb Hjemmeplejen" }).click();
  await page.getByLabel(/^SOR-kode/).fill("999000000000011");
  await page.getByRole("button", { name: "Gem" }).click();
  await expect(page.getByText("Organisationen hedder nu Hjemmeplejen.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "999000000000011" })).toBeVisible();

  await page.goto("/administration/omsorgsjournal");
  const section = page.getByRole("region", { name: "Import af hjemmeplejens borgere" });
  await section.getByLabel("Fil", { exact: true }).setInputFiles(sample("hjemmepleje.csv"));
  await section.getByLabel("Kun ændringer").check();
  await section.getByRole("button", { name: "Indlæs og vis ændringer" }).click();

  const run = section.getByRole("region", { name: /^Import \d/ });
  await expect(run).toContainText("Venter på godkendelse");
  const rows = run.getByRole("table", { name: /Rækker/ });
  await expect(rows).toContainText("Karen Mikkelsen");
  await expect(rows).toContainText("030438-XXXX");
  await expect(rows).not.toContainText("030438-1001");
  // Jørgen's home care ended before today: nobody to register.
  await expect(rows).toContainText("Borgeren er ikke i registret og modtager ikke hjemmepleje");
  await expectNoSeriousViolations(page, "care record import preview (desktop)");

  await run.getByRole("button", { name: "Godkend og gennemfør" }).click();
  await run.getByRole("button", { name: "Ja, gennemfør" }).click();
  await expect(run.getByText(/Gennemført .* af /)).toBeVisible();
  await expect(section.getByRole("table", { name: /Importer/ })).toContainText("Gennemført");
  await page.context().close();

  const phone = await newPage(browser, PHONE, true);
  await login(phone, "admin");
  await phone.goto("/administration/omsorgsjournal");
  const onPhone = phone.getByRole("region", { name: "Import af hjemmeplejens borgere" });
  await onPhone.getByLabel("Fil", { exact: true }).setInputFiles(sample("hjemmepleje.ndjson"));
  await expect(onPhone.getByLabel("FHIR NDJSON (én ressource pr. linje)")).toBeChecked();
  await onPhone.getByLabel("Kun ændringer").check();
  await onPhone.getByRole("button", { name: "Indlæs og vis ændringer" }).click();
  const preview = onPhone.getByRole("region", { name: /^Import \d/ });
  await expect(preview).toContainText("Venter på godkendelse");
  await expect(preview.getByRole("table", { name: /Rækker/ })).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "care record import preview (360 px)");
  await preview.getByRole("button", { name: "Kassér" }).click();
  await expect(preview).toContainText("Kasseret");
  await phone.context().close();
});
