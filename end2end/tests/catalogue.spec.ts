import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./support";

const items = (page: Page) => page.locator(".recommendation-item");
const MEV5 =
  "Use disaggregated data for monitoring inclusive policies, based on gender, age, ethnicity, location and other specific categories of social exclusion.";

test.describe("with JavaScript", () => {
  test("home page leads to a group and to MEV-5", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Tracking national action on social integration",
    );

    await page.getByRole("link", { name: /Monitoring and evaluation/ }).click();
    await expect(page).toHaveURL(/\/groups\/MEV$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Monitoring and evaluation");
    await expect(items(page)).toHaveCount(16);

    await page.getByRole("link", { name: "MEV-5", exact: true }).click();
    await expect(page).toHaveURL(/\/recommendations\/MEV-5$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("MEV-5");
    await expect(page.locator(".recommendation-text")).toHaveText(MEV5);
    await expect(page).toHaveTitle(/^MEV-5/);

    // Reading on: the router loads the next recommendation in place.
    const pager = page.getByRole("navigation", { name: "Other recommendations" });
    await pager.getByRole("link", { name: /MEV-6/ }).click();
    await expect(page).toHaveURL(/\/recommendations\/MEV-6$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("MEV-6");
    await expect(pager.getByRole("link", { name: /MEV-5/ })).toHaveAttribute("rel", "prev");
  });

  test("search filters the list as you type, without reloading the page", async ({ page }) => {
    await page.goto("/recommendations");
    await waitForHydration(page);
    await expect(items(page)).toHaveCount(100);

    // A value that survives only as long as the page is not reloaded.
    await page.evaluate(() => ((window as any).sameDocument = true));

    const search = page.getByLabel("Search the recommendations");
    await search.pressSequentially("disaggregated");

    await expect(items(page)).not.toHaveCount(100);
    const codes = await items(page).locator(".code").allTextContents();
    expect(codes).toContain("MEV-5");
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.length).toBeLessThan(10);
    await expect(page.getByRole("status").filter({ hasText: "match" })).toContainText(
      `${codes.length} of 100 recommendations match “disaggregated”`,
    );
    await expect(page).toHaveURL(/\?q=disaggregated$/);
    expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);

    await search.fill("");
    await expect(items(page)).toHaveCount(100);

    await search.pressSequentially("zzzz no such words");
    await expect(items(page)).toHaveCount(0);
    await expect(page.getByText("No recommendation matches “zzzz no such words”.")).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same navigation works on server-rendered pages", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(0);

    await page.getByRole("link", { name: /Monitoring and evaluation/ }).click();
    await expect(page).toHaveURL(/\/groups\/MEV$/);
    await expect(items(page)).toHaveCount(16);

    await page.getByRole("link", { name: "MEV-5", exact: true }).click();
    await expect(page).toHaveURL(/\/recommendations\/MEV-5$/);
    await expect(page.locator(".recommendation-text")).toHaveText(MEV5);
  });

  test("search is a plain form that the server answers", async ({ page }) => {
    await page.goto("/recommendations");
    await expect(items(page)).toHaveCount(100);

    const search = page.getByLabel("Search the recommendations");
    await search.fill("disaggregated");
    // Typing alone changes nothing without JavaScript; submitting the form does.
    await expect(items(page)).toHaveCount(100);
    await search.press("Enter");

    await expect(page).toHaveURL(/\/recommendations\?q=disaggregated$/);
    await expect(items(page).locator(".code", { hasText: "MEV-5" })).toHaveCount(1);
    await expect(items(page)).not.toHaveCount(100);
    await expect(page.getByLabel("Search the recommendations")).toHaveValue("disaggregated");
  });

  test("an unknown recommendation answers 404 with a helpful page", async ({ page }) => {
    const response = await page.goto("/recommendations/MEV-99");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("link", { name: "Search all recommendations" })).toBeVisible();
  });
});
