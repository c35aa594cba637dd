/**
 * The staff digest's choices (issue 16, part "digest"): a coordinator on a phone (360 px) goes from
 * the start page to "Min profil", is refused a digest without an address (the field named), gives
 * one, switches off "waiting referrals", chooses the digest in English, saves, and finds the choices
 * kept after a reload. The same section in English. axe on the page; no sideways scrolling.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("a coordinator chooses what the daily digest holds, on a phone", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  await login(page, "koordinator");
  await page.getByRole("link", { name: "Min profil og daglig oversigt på e-mail" }).click();
  await expect(page).toHaveURL(/\/min-profil$/);
  await expect(page.getByRole("heading", { level: 1, name: "Min profil" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Notifikationer" })).toBeVisible();
  await expectNoSeriousViolations(page, "profile page with notifications");
  await expectNoHorizontalOverflow(page, PHONE.width);

  const topics = page.getByRole("group", { name: "Det vil jeg have besked om" });
  await expect(topics.getByRole("checkbox", { name: "Nye henvisninger", exact: true })).toBeChecked();
  await expect(topics.getByRole("checkbox", { name: "Forløb med få klip tilbage" })).toBeChecked();
  // Not a coordinator's topic.
  await expect(topics.getByRole("checkbox", { name: "Nye henvisninger til frivilligcentret" })).toHaveCount(
    0,
  );

  // On, without an address: refused with the field named.
  await page.getByRole("button", { name: "Gem valg" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "E-mailadresse" });
  await expect(summary).toBeVisible();
  await expect(page.getByLabel("E-mailadresse")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("E-mailadresse").fill("ikke-en-adresse");
  await page.getByRole("button", { name: "Gem valg" }).click();
  await expect(page.getByLabel("E-mailadresse")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("E-mailadresse").fill("camilla.holt@fjordby.example");
  await topics.getByRole("checkbox", { name: "Henvisninger, der har ventet for længe" }).uncheck();
  const digestLang = page.getByRole("group", { name: "Sprog i oversigten" });
  await expect(digestLang.getByRole("radio", { name: "Dansk" })).toBeChecked();
  await digestLang.getByRole("radio", { name: "English" }).check();
  await page.getByRole("button", { name: "Gem valg" }).click();
  await expect(page.getByRole("heading", { name: "Dine valg er gemt" })).toBeVisible();
  await expectNoSeriousViolations(page, "profile page after saving");

  await page.reload();
  await expect(page.getByLabel("E-mailadresse")).toHaveValue("camilla.holt@fjordby.example");
  await expect(
    topics.getByRole("checkbox", { name: "Henvisninger, der har ventet for længe" }),
  ).not.toBeChecked();
  await expect(topics.getByRole("checkbox", { name: "Nye henvisninger", exact: true })).toBeChecked();
  await expect(digestLang.getByRole("radio", { name: "English" })).toBeChecked();
  const stored = (await (await page.request.get("/api/me/notifications")).json()) as {
    email: string;
    lang: string;
    topics: { key: string; muted: boolean }[];
  };
  expect(stored.email).toBe("camilla.holt@fjordby.example");
  expect(stored.topics.filter((x) => x.muted).map((x) => x.key)).toEqual(["referrals.waiting"]);
  expect(stored.lang).toBe("en");

  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Referrals that have waited too long" })).not.toBeChecked();
  await expectNoHorizontalOverflow(page, PHONE.width);
});
