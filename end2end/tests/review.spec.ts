import { expect, test, type Page } from "@playwright/test";
import { HEALTH, PASSWORD, signIn, signOut, waitForHydration } from "./support";

const REVIEWER = "reviewer@demo.nap-tracker.example";
const ADMIN = "admin@demo.nap-tracker.example";

/** Reports progress on commitment `id` through its form, as the Ministry of Health. */
async function report(page: Page, id: string, status: string, percent: string, narrative: string) {
  await page.goto(`/commitments/${id}/report`);
  await waitForHydration(page);
  await page.getByLabel("Status", { exact: true }).selectOption(status);
  await page.getByLabel("Per cent complete (0 to 100)", { exact: true }).fill(percent);
  await page.getByLabel("What happened", { exact: true }).fill(narrative);
  await page.getByRole("button", { name: "Save the update" }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${id}$`));
}

/** The review queue's item holding `narrative`, on commitment `id`'s updates. */
async function queueItem(page: Page, id: string, narrative: string) {
  await page.goto(`/review?commitment=${id}`);
  await waitForHydration(page);
  const item = page.locator(".review-item").filter({ hasText: narrative });
  await expect(item).toHaveCount(1);
  return item;
}

test("a focal point submits, a reviewer returns it, the focal point answers, the reviewer approves, civil society disagrees, the public sees all three", async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const first = `Enrolment began in two counties ${stamp}`;
  const answer = `Enrolment figures by county attached ${stamp}`;
  const comment = `Please give the enrolment figures by county ${stamp}`;

  // The Ministry of Health reports on one of its commitments.
  await signIn(page, HEALTH);
  await page.getByRole("link", { name: /^Report progress/ }).first().click();
  await expect(page).toHaveURL(/\/commitments\/\d+\/report$/);
  const id = page.url().match(/\/commitments\/(\d+)\/report$/)![1];
  await report(page, id, "limited", "20", first);
  await signOut(page);

  // The reviewer returns it with a comment.
  await signIn(page, REVIEWER);
  const submitted = await queueItem(page, id, first);
  await submitted.getByLabel("Why it goes back to the ministry", { exact: true }).fill(comment);
  await submitted.getByRole("button", { name: /^Return with this comment/ }).click();
  await expect(submitted).toHaveCount(0);
  await signOut(page);

  // The focal point finds it at the top of their page and answers with a new update.
  await signIn(page, HEALTH);
  const returned = page.getByRole("region", { name: /Returned by reviewers/ });
  await expect(returned).toContainText(comment);
  await returned.getByRole("link", { name: /^Answer with a new update/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${id}/report$`));
  await report(page, id, "substantial", "60", answer);
  await signOut(page);

  // The reviewer approves the answer.
  await signIn(page, REVIEWER);
  const answered = await queueItem(page, id, answer);
  await answered.getByRole("button", { name: /^Approve/ }).click();
  await expect(answered).toHaveCount(0);
  await signOut(page);

  // A civil-society organisation registers, is approved, and disagrees.
  const organisation = `Social Watch ${stamp}`;
  const watcher = `watch-${stamp}@civil.example.org`;
  await page.goto("/organisations/register");
  await waitForHydration(page);
  await page.getByLabel("Organisation's name", { exact: true }).fill(organisation);
  await page.getByLabel("Your email address", { exact: true }).fill(watcher);
  await page.getByLabel("A password (at least 12 characters)", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("status").filter({ hasText: "awaits an administrator's approval" })).toBeVisible();
  await signIn(page, ADMIN);
  await page.goto("/admin/organisations");
  await waitForHydration(page);
  await page.getByRole("button", { name: `Approve ${organisation}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(organisation) })).toContainText("approved");
  await signOut(page);
  await signIn(page, watcher);
  await page.goto(`/commitments/${id}/shadow`);
  await waitForHydration(page);
  await page.getByLabel("Status, in your organisation's judgement", { exact: true }).selectOption("not_started");
  await page.getByLabel("Justification", { exact: true }).fill(`No enrolment seen in the field ${stamp}`);
  await page.getByRole("button", { name: "Publish the assessment" }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${id}$`));
  await signOut(page);

  // Anyone reads the three voices, the flag, and the review's trail.
  const visitor = await browser.newPage();
  await visitor.goto(`/commitments/${id}`);
  const voices = visitor.getByRole("region", { name: "Who says what" });
  await expect(voices).toContainText("Substantial progress");
  await expect(voices).toContainText("reviewed: approved by");
  await expect(voices).toContainText(organisation);
  await expect(voices).toContainText(`No enrolment seen in the field ${stamp}`);
  await expect(voices.getByText("Disagrees with the ministry by more than one step")).toBeVisible();
  await expect(visitor.getByText(comment)).toBeVisible();
  await visitor.close();
});
