/**
 * "FHIR-server og levering" (issue 14, decision 0100): the administrator sets up the care record's
 * FHIR server (the secret never shown again), pulls now through the job queue and sees the failure
 * of a server that does not answer as a code; sets up the push target — on a 360 px phone, without
 * serious accessibility violations or sideways scrolling.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("the administrator sets up the pull and the push, and sees a failed pull's code", async ({
  browser,
}) => {
  const page = await newPage(browser, PHONE);
  await login(page, "admin");
  await page.goto("/administration/omsorgsjournal");
  const section = page.getByRole("region", { name: "FHIR-server og levering" });
  await expect(section).toContainText("Der er ikke sat nogen FHIR-server op.");

  // The source: a client-credentials connection needs its token address, id and secret.
  await section.getByRole("button", { name: "Sæt forbindelse op" }).click();
  const form = section.getByRole("form", { name: "Forbindelse til omsorgsjournalens FHIR-server" });
  // Nothing listens on port 9 of this machine: the pull cannot reach it.
  await form.getByLabel("FHIR-serverens adresse").fill("http://127.0.0.1:9/fhir");
  await form.getByLabel(/Klient-id og hemmelighed/).check();
  await form.getByRole("button", { name: "Gem" }).click();
  await expect(form.getByText("Skal udfyldes.").first()).toBeVisible();
  await form.getByLabel("Adresse til at hente adgangsnøgle (token)").fill("http://127.0.0.1:9/token");
  await form.getByLabel("Klient-id", { exact: true }).fill("broen");
  await form.getByLabel("Klienthemmelighed").fill("hemmelig-klientnoegle");
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "care record: FHIR source form (phone)");
  await form.getByRole("button", { name: "Gem" }).click();
  await expect(section.getByText("Forbindelsen er gemt.")).toBeVisible();
  await expect(section).toContainText("http://127.0.0.1:9/fhir");
  await expect(section).not.toContainText("hemmelig-klientnoegle");

  // Pull now: the job runs in the server and records why it failed; the page shows the code.
  await section.getByRole("button", { name: "Hent nu" }).click();
  await expect(section.getByText("Hentningen er sat i gang.", { exact: false })).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect(page.getByText("Senest hentet")).toBeVisible();
        return page.getByText("Sidste hentning mislykkedes").isVisible();
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe(true);
  await expect(page.getByText("fhir_unreachable", { exact: false })).toBeVisible();

  // The push target.
  const again = page.getByRole("region", { name: "FHIR-server og levering" });
  await again.getByRole("button", { name: "Sæt levering op" }).click();
  const push = again.getByRole("form", { name: "Modtager af klippekortsarbejdet" });
  await push.getByLabel("FHIR-serverens adresse").fill("https://gateway.example/fhir");
  await push.getByRole("button", { name: "Gem" }).click();
  await expect(again.getByText("Forbindelsen er gemt.")).toBeVisible();
  await expect(again).toContainText("0 sendt, 0 i kø, 0 mislykkedes");
  await expect(again.getByRole("heading", { name: "Leveringer pr. borger" })).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "care record: exchange (phone)");
  await page.context().close();
});
