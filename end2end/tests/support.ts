import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// The server under test holds the demo (see playwright.config.ts): Kenya's published plan,
// its coordinator and the focal points of the Ministries of Health and Education.
export const PASSWORD = "demo-password-2026";
export const COORDINATOR = "coordinator.ken@demo.nap-tracker.example";
export const HEALTH = "health.ken@demo.nap-tracker.example";
export const EDUCATION = "education.ken@demo.nap-tracker.example";

/** Waits until the WebAssembly bundle has taken over the page (it marks `<body>`). */
export async function waitForHydration(page: Page) {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

export async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await waitForHydration(page);
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByText(`(${email})`)).toBeVisible();
}

export async function signOut(page: Page) {
  await page.goto("/my");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

// Every page is checked against WCAG 2.1 A and AA with axe-core, as the browser shows it
// once the WebAssembly bundle has taken over; any violation fails the test and is listed.
export async function expectAccessible(page: Page, path: string) {
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
