import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { COORDINATOR, EDUCATION, HEALTH, signIn, signOut, waitForHydration } from "./support";

/// An API token for `email`, made with the command-line tool against the test database.
function tokenFor(email: string): string {
  const root = path.resolve(__dirname, "../..");
  return execFileSync(path.join(root, "target/release/nap-tracker"), ["token", "create", "--email", email], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "sqlite://target/end2end/nap-tracker.db?mode=rwc", RUST_LOG: "warn" },
  })
    .toString()
    .trim();
}

test("a coordinator commits, a focal point reports, the public reads it, another ministry cannot write", async ({
  page,
  browser,
  request,
}) => {
  const title = `Birth registration in every county ${Date.now()}`;

  // The coordinator adds a commitment answering two recommendations, found by search.
  await signIn(page, COORDINATOR);
  await page.getByRole("link", { name: "Add a commitment" }).click();
  await expect(page).toHaveURL(/\/plans\/\d+\/commitments\/new$/);
  await waitForHydration(page);
  await page.getByLabel("Reference in the plan, such as C-12", { exact: true }).fill("E2E-1");
  await page.getByLabel("Title", { exact: true }).fill(title);
  const search = page.getByLabel("Find a recommendation", { exact: true });
  await search.fill("SPR-2");
  await expect(page.locator(".picker-list .check:not(.hidden)")).toHaveCount(1);
  await page.getByRole("checkbox", { name: /^SPR-2 / }).check();
  await search.fill("disaggregated");
  await page.getByRole("checkbox", { name: /^MEV-5 / }).check();
  await page.getByLabel("Lead ministry or agency", { exact: true }).selectOption("MOH");
  await page.getByLabel("Start date", { exact: true }).fill("2026-01-01");
  await page.getByLabel("End date", { exact: true }).fill("2027-12-31");
  await page.getByLabel("Indicator", { exact: true }).fill("Births registered within 30 days");
  await page.getByLabel("Unit", { exact: true }).fill("%");
  await page.getByRole("button", { name: "Add the commitment" }).click();

  await expect(page).toHaveURL(/\/commitments\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("link", { name: "SPR-2", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "MEV-5", exact: true })).toBeVisible();
  const id = page.url().match(/\/commitments\/(\d+)$/)![1];
  await signOut(page);

  // The Ministry of Health's focal point reports progress on it.
  await signIn(page, HEALTH);
  await page.goto(`/commitments/${id}/report`);
  await waitForHydration(page);
  await page.getByLabel("Status", { exact: true }).selectOption("substantial");
  await page.getByLabel("Per cent complete (0 to 100)", { exact: true }).fill("40");
  await page.getByLabel("Births registered within 30 days (%)", { exact: true }).fill("71.5");
  await page.getByLabel("What happened", { exact: true }).fill("Mobile registration units reached 30 counties.");
  await page.getByRole("button", { name: "Save the update" }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${id}$`));
  await expect(page.getByText("Mobile registration units reached 30 counties.")).toBeVisible();
  await signOut(page);

  // Anyone reads it without signing in.
  const visitor = await browser.newPage();
  await visitor.goto(`/commitments/${id}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.locator(".facts").first()).toContainText("Substantial progress");
  await expect(visitor.locator(".facts").first()).toContainText("40 %");
  await expect(visitor.getByText("Mobile registration units reached 30 counties.")).toBeVisible();
  await expect(visitor.locator(".targets")).toContainText("71.5");
  await visitor.close();

  // The Ministry of Education's focal point gets no form, and the API refuses them.
  await signIn(page, EDUCATION);
  await page.goto(`/commitments/${id}/report`);
  await expect(page.getByRole("alert").filter({ hasText: "You may not report progress" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the update" })).toHaveCount(0);
  const refused = await request.post(`/api/v1/commitments/${id}/updates`, {
    headers: { Authorization: `Bearer ${tokenFor(EDUCATION)}` },
    data: { status: "complete", percent_complete: 100 },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toContain("led by another ministry");
});

test("of two people changing a commitment at once, the second is refused and keeps their text", async ({
  page: first,
  context,
}) => {
  await signIn(first, COORDINATOR);
  const second = await context.newPage();
  // C-001 of the demo: both open it before either saves.
  await first.goto("/my");
  const id = await first
    .getByRole("link", { name: /^Change\s+C-001$/ })
    .getAttribute("href")
    .then((href) => href!.match(/\/commitments\/(\d+)\/edit/)![1]);
  for (const page of [first, second]) {
    await page.goto(`/commitments/${id}/edit`);
    await waitForHydration(page);
  }
  await first.getByLabel("Title", { exact: true }).fill("Title saved first");
  await first.getByRole("button", { name: "Save the changes" }).click();
  await expect(first).toHaveURL(new RegExp(`/commitments/${id}$`));
  await expect(first.getByRole("heading", { level: 1 })).toHaveText("Title saved first");

  const title = second.getByLabel("Title", { exact: true });
  await title.fill("Title typed second");
  await second.getByRole("button", { name: "Save the changes" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "someone else changed commitment C-001" })).toBeVisible();
  await expect(title).toHaveValue("Title typed second");
  await expect(second).toHaveURL(new RegExp(`/commitments/${id}/edit$`));
});
