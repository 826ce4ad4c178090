import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { HEALTH, signIn, waitForHydration } from "./support";

// Every page is checked against WCAG 2.1 A and AA with axe-core, as the browser shows it
// once the WebAssembly bundle has taken over; any violation fails the test and is listed.
async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(found, `accessibility of ${path}`).toEqual([]);
}

test("public pages pass axe-core's WCAG 2.1 AA checks", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/countries/KEN");
  const commitment = await page
    .locator('a[href^="/commitments/"]')
    .first()
    .getAttribute("href");
  expect(commitment).toMatch(/^\/commitments\/\d+$/);
  for (const path of [
    "/",
    "/coverage",
    "/coverage?group=SPR&region=africa",
    "/recommendations",
    "/recommendations/SPR-2",
    "/groups/MEV",
    "/countries",
    "/countries/KEN",
    commitment as string,
    "/search?q=Kenya&status=limited",
    "/open-data",
    "/api",
    "/sign-in",
  ]) {
    await expectAccessible(page, path);
  }
});

test("a focal point's pages pass axe-core's WCAG 2.1 AA checks", async ({ page }) => {
  await signIn(page, HEALTH);
  for (const path of ["/my", "/imports"]) {
    await expectAccessible(page, path);
  }
});
