import path from "node:path";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { HEALTH, signIn, waitForHydration } from "./support";

// Columns of the template's Progress sheet (header on row 3, first commitment on row 4).
const ID = "A";
const STATUS = "J";
const PERCENT = "K";
const NARRATIVE = "M";

/** Writes `values` into the first commitment row of `template`, as a ministry analyst would. */
async function fill(template: string, out: string, values: Record<string, string | number>): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const sheet = book.getWorksheet("Progress");
  if (!sheet) throw new Error("the template has no Progress sheet");
  for (const [column, value] of Object.entries(values)) {
    sheet.getCell(`${column}4`).value = value;
  }
  await book.xlsx.writeFile(out);
  return Number(sheet.getCell(`${ID}4`).value);
}

test("a focal point fills the template, fixes the error the preview names, imports, and the public sees it", async ({
  page,
  browser,
}) => {
  const narrative = `Imported from the ministry workbook ${Date.now()}`;
  const dir = test.info().outputDir;
  await signIn(page, HEALTH);
  await page.getByRole("link", { name: "Report on many at once with a spreadsheet" }).click();
  await expect(page).toHaveURL(/\/imports$/);
  await waitForHydration(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the template (xlsx)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("progress-KEN-MOH-en.xlsx");
  const template = path.join(dir, "template.xlsx");
  await download.saveAs(template);

  // First with a status the tracker does not know.
  const wrong = path.join(dir, "progress-wrong.xlsx");
  const id = await fill(template, wrong, { [STATUS]: "fini", [PERCENT]: 55, [NARRATIVE]: narrative });
  await page.getByLabel("Spreadsheet", { exact: true }).setInputFiles(wrong);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page).toHaveURL(/\/imports\/\d+$/);
  await expect(page.getByText(/row 4, column J 'Status': 'fini' is not a status/)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d+ rows$/ })).toHaveCount(0);

  // Fixed with the dropdown's label, uploaded again, previewed clean and imported.
  const fixed = path.join(dir, "progress-fixed.xlsx");
  await fill(template, fixed, { [STATUS]: "Substantial progress", [PERCENT]: 55, [NARRATIVE]: narrative });
  await page.goto("/imports");
  await waitForHydration(page);
  await page.getByLabel("Spreadsheet", { exact: true }).setInputFiles(fixed);
  // Held back a moment on its way, the upload shows its progress.
  await page.route("**/import-files/upload", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Sending the file|Reading and checking every row/ })).toBeVisible();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload and preview" })).toBeDisabled();
  await expect(page).toHaveURL(/\/imports\/\d+$/);
  await page.unroute("**/import-files/upload");
  await waitForHydration(page);
  await expect(page.getByText("With errors")).toBeVisible();
  await page.getByRole("button", { name: "Import 1 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported: 1 rows made new progress updates" })).toBeVisible();

  // Anyone can read it, without signing in.
  const visitor = await browser.newPage();
  await visitor.goto(`/commitments/${id}`);
  await expect(visitor.getByText(narrative)).toBeVisible();
  await expect(visitor.getByText("Substantial progress").first()).toBeVisible();
  await visitor.close();

  // The import is undone from the history; the history says so.
  await page.goto("/imports");
  await waitForHydration(page);
  await page.getByRole("button", { name: /^Undo import \d+$/ }).first().click();
  await expect(page.getByRole("cell", { name: "undone", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Undo import \d+$/ })).toHaveCount(0);
});
