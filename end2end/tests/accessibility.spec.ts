import { expect, test } from "@playwright/test";
import { expectAccessible, HEALTH, signIn } from "./support";

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
    "/cycles",
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
