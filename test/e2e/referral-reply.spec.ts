/**
 * Issue 11 point 11: a worker's referral gets "Bed om flere oplysninger" from the community
 * coordinator; the worker answers from "Sendte henvisninger"; the coordinator sees the answer in
 * the inbox and on the referral, with how to reach the worker. axe-core scans on the way.
 */
import { type Page, expect, test } from "@playwright/test";
import { expectNoSeriousViolations, login, newPage } from "./support";

const QUESTION = "Hvornår på dagen er borgeren bedst at besøge?";
const ANSWER = "Om formiddagen, helst før kl. 11. Datteren kommer om tirsdagen.";

/** The worker's own advis about a citizen she has referred before (the demo data has some). */
async function sendAdvis(worker: Page): Promise<string> {
  const sent = (await (await worker.request.get("/api/referrals/sent")).json()) as {
    citizen: { id: string } | null;
  }[];
  const citizenId = sent.find((r) => r.citizen)!.citizen!.id;
  const res = await worker.request.post(`/api/citizens/${citizenId}/referrals`, {
    data: { reason: "Virker ensom; har ikke været ude i en uge." },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { receiptNumber: string }).receiptNumber;
}

test("the coordinator asks for more information, the worker replies from the sent list, and the coordinator sees the reply", async ({
  browser,
}) => {
  const worker = await newPage(browser, { width: 1280, height: 800 });
  await login(worker, "hjemmehjaelper");
  const receipt = await sendAdvis(worker);

  // The coordinator asks the referrer for more information.
  const coordinator = await newPage(browser, { width: 1280, height: 800 });
  await login(coordinator, "koordinator");
  await coordinator.goto("/henvisninger");
  const inboxCard = coordinator.locator(`[data-testid="referral-card"][data-receipt="${receipt}"]`);
  await inboxCard.getByRole("heading", { level: 3 }).getByRole("link").click();
  await coordinator.getByRole("radio", { name: /Bed om flere oplysninger/ }).check();
  await coordinator.getByLabel("Besked til henviseren").fill(QUESTION);
  await coordinator.getByRole("button", { name: "Gem beslutning" }).click();
  await expect(
    coordinator.getByRole("heading", { name: "Henviseren er bedt om flere oplysninger" }),
  ).toBeVisible();

  // The worker reads the question on the sent list and answers it there.
  await worker.goto("/sendte-henvisninger");
  const sentCard = worker.locator(`[data-testid="referral-card"][data-receipt="${receipt}"]`);
  await expect(sentCard).toContainText("Venter på oplysninger");
  await expect(sentCard).toContainText(QUESTION);
  await expectNoSeriousViolations(worker, "sent referrals with a reply form");
  // An empty answer is named in the error summary.
  await sentCard.getByRole("button", { name: "Send svar" }).click();
  await expect(sentCard.getByRole("alert")).toContainText("Skriv dit svar");
  await sentCard.getByLabel("Dit svar til fællesskabskoordinatoren").fill(ANSWER);
  await sentCard.getByRole("button", { name: "Send svar" }).click();
  await expect(
    worker.getByRole("heading", { name: "Dit svar er sendt til fællesskabskoordinatoren." }),
  ).toBeVisible();
  await worker.reload();
  await expect(worker.locator(`[data-testid="referral-card"][data-receipt="${receipt}"]`)).toContainText(
    "Du har svaret",
  );
  await expect(
    worker
      .locator(`[data-testid="referral-card"][data-receipt="${receipt}"]`)
      .getByRole("button", { name: "Send svar" }),
  ).toHaveCount(0);

  // The coordinator finds it among the new ones in the inbox, marked answered, with the answer.
  await coordinator.goto("/henvisninger?status=new");
  const answered = coordinator.locator(`[data-testid="referral-card"][data-receipt="${receipt}"]`);
  await expect(answered).toContainText("Besvaret");
  await expect(answered).toContainText(ANSWER);
  await expectNoSeriousViolations(coordinator, "inbox with an answered referral");
  await answered.getByRole("heading", { level: 3 }).getByRole("link").click();
  await expect(coordinator.getByTestId("referral-history")).toContainText("Henviseren har svaret");
  await expect(coordinator.getByTestId("referral-history")).toContainText(ANSWER);
  // How to reach the worker: name, unit, phone.
  await expect(coordinator.getByTestId("referring-worker")).toContainText("Mette Lykke");
  await expect(coordinator.getByTestId("referring-worker")).toContainText("Hjemmeplejen");
  await expect(
    coordinator.getByTestId("referring-worker").getByRole("link", { name: "21 43 65 87" }),
  ).toBeVisible();
  await expectNoSeriousViolations(coordinator, "answered referral");
});

test("a loneliness ambassador sees the due list of their district only", async ({ page }) => {
  await login(page, "ambassador");
  await page.goto("/opfoelgning");
  await expect(page.getByRole("heading", { level: 1, name: "Opfølgning" })).toBeVisible();
  await expect(page.getByTestId("ambassador-district")).toContainText("Distrikt Syd");
  await expect(page.getByLabel("Distrikt")).toHaveCount(0);
  await expectNoSeriousViolations(page, "an ambassador's due lists");
});
