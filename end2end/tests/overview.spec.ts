import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./support";

const groupRows = (page: Page) => page.locator("table.coverage th[scope=colgroup]");

async function chooseGroup(page: Page, label: string, code: string) {
  await page.getByLabel("Recommendation group").selectOption({ label });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/coverage\\?group=${code}&region=$`));
  await expect(groupRows(page)).toHaveCount(1);
  await expect(groupRows(page)).toHaveText(label);
}

test.describe("with JavaScript", () => {
  test("home numbers lead to the coverage matrix, a recommendation and a country", async ({
    page,
  }) => {
    await page.goto("/");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { name: "The tracker in numbers" })).toBeVisible();
    await expect(page.locator(".tracker-numbers dt").first()).toHaveText(
      "Countries with a published plan",
    );

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coverage" }).click();
    await expect(page).toHaveURL(/\/coverage$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Coverage of the recommendations",
    );
    await expect(groupRows(page)).toHaveCount(11);
    await expect(page.locator("table.coverage tbody tr:not(.group-row)")).toHaveCount(100);

    await chooseGroup(page, "Social protection (SPR)", "SPR");

    // A counted cell opens the commitments behind it.
    const cell = page.locator("table.coverage td.covered a").first();
    const label = await cell.getAttribute("aria-label");
    expect(label).toMatch(/^\d+ commitments? of .+ answer SPR-\d+: /);
    await cell.click();
    await expect(page).toHaveURL(/\/recommendations\/SPR-\d+#answering$/);
    await expect(page.getByRole("heading", { name: /^Commitments answering SPR-/ })).toBeVisible();

    await page.goBack();
    await page.getByRole("columnheader", { name: "KEN" }).getByRole("link").click();
    await expect(page).toHaveURL(/\/countries\/KEN$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kenya");
    await expect(
      page.getByRole("img", { name: /^Mean % complete by recommendation group/ }),
    ).toBeVisible();
    await expect(page.getByRole("img", { name: /^Timeline of the commitments/ })).toBeVisible();
    const board = page.getByRole("table", { name: "Accountability board" });
    await expect(board.getByRole("rowheader", { name: "Ministry of Health (MOH)" })).toBeVisible();

    // The country's commitments as open data: a CSV file with the documented header.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "these commitments as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("nap-commitments-KEN.csv");
    const text = await readFile(await download.path(), "utf8");
    const lines = text.trim().split("\n");
    expect(lines[0]).toMatch(/^country_iso3,country,plan_id,commitment_id,reference,title,/);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((line) => line.startsWith("KEN,Kenya,"))).toBe(true);
  });
});

test.describe("with JavaScript", () => {
  test("search finds commitments by words and status", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search$/);
    await page.getByLabel("Words").fill("Kenya");
    await page.getByLabel("Status").selectOption({ label: "Limited progress" });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=Kenya&status=limited/);
    await expect(page.getByRole("status")).toHaveText(/^\d+ commitments? match/);
    const rows = page.getByRole("table", { name: "Matching commitments" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await expect(rows.first()).toContainText("Kenya");
    await expect(rows.first()).toContainText("Limited progress");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the matrix and its group filter work as plain HTML", async ({ page }) => {
    await page.goto("/coverage");
    await expect(groupRows(page)).toHaveCount(11);
    await expect(page.getByText(/of these 100 recommendations are answered by no published plan/)).toBeVisible();
    await chooseGroup(page, "Capacity development (CAP)", "CAP");

    await page.getByLabel("Region").selectOption({ label: "Africa" });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\/coverage\?group=CAP&region=africa$/);
    await expect(page.locator("table.coverage thead abbr")).toHaveText(["KEN"]);
  });

  test("matrix, country, commitment and a CSV download work as plain HTML", async ({ page }) => {
    await page.goto("/coverage");
    await page.getByRole("columnheader", { name: "KEN" }).getByRole("link").click();
    await expect(page).toHaveURL(/\/countries\/KEN$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kenya");
    await expect(page.getByRole("table", { name: "Accountability board" })).toBeVisible();

    const first = page.locator('a[href^="/commitments/"]').first();
    const title = (await first.textContent())?.trim() ?? "";
    await first.click();
    await expect(page).toHaveURL(/\/commitments\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

    await page.goto("/countries/KEN");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "these commitments as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("nap-commitments-KEN.csv");
    const text = await readFile(await download.path(), "utf8");
    expect(text.split("\n")[0]).toMatch(/^country_iso3,country,/);
  });
});
