import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, signOut, waitForHydration } from "./support";

const ADMIN = "admin@demo.nap-tracker.example";

test("an administrator opens a review cycle and closes it; anyone reads the snapshot it kept", async ({
  page,
  browser,
}) => {
  const name = `CSocD 65, February 2027, ${Date.now()}`;
  await signIn(page, ADMIN);
  await page.goto("/cycles");
  await waitForHydration(page);
  await page.getByLabel("Name of the cycle", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Open the cycle" }).click();
  const open = page.getByRole("region", { name: new RegExp("is open") });
  await expect(open).toContainText(name);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Open");

  await page.getByRole("button", { name: "Close the cycle and keep its snapshot" }).click();
  await expect(page).toHaveURL(/\/cycles\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const address = page.url();
  await signOut(page);

  // The snapshot is public, at a permanent address, country by country.
  // A context of its own: a visitor without the administrator's cookies (axe needs one too).
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(address);
  await waitForHydration(visitor);
  await expect(visitor.getByText(/The snapshot holds \d+ commitments/)).toBeVisible();
  await visitor.getByRole("link", { name: "Kenya" }).click();
  await expect(visitor).toHaveURL(/\/cycles\/\d+\/countries\/KEN$/);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Kenya in ${name}`);
  await expect(visitor.locator("table.commitments tbody tr").first()).toBeVisible();
  await expectAccessible(visitor, new URL(visitor.url()).pathname);
  await expectAccessible(visitor, new URL(address).pathname);
  await context.close();
});
