// Sign in as the demo admin → chart of accounts → post a journal entry (keyboard: Ctrl+S) →
// find it in the trial balance by drilling down to the account's general ledger → open the
// entry from its line. Also: the dashboard, the shortcut help, and the form at 200% zoom.
import { check, scenario, signIn } from "./harness.mjs";

await scenario("ledger-flow", async ({ page, context, backoffice, shot }) => {
  await page.goto("/");
  await signIn(page, backoffice.admin);
  await page.getByRole("heading", { name: "Revenue and expenses, last 6 months" }).waitFor();
  // The home has several charts (revenue, orders shipped): this one is the revenue card's.
  const revenue = page.getByRole("region", { name: "Revenue and expenses, last 6 months" });
  await revenue.locator(".chart svg").waitFor();
  check((await revenue.locator(".chart svg rect").count()) === 12, "six months of revenue and expense bars");
  await page.getByRole("heading", { name: "Latest audit events" }).waitFor();
  await shot("home-admin");

  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await shot("shortcut-help");
  await page.keyboard.press("Escape");

  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Chart of accounts" }).click();
  await page.getByRole("link", { name: /1120\s+Checking Account/ }).waitFor();
  await shot("chart-of-accounts");
  await page.keyboard.press("/");
  await page.keyboard.type("checking");
  check((await page.locator("table.tree tbody tr").count()) === 3, "search keeps 1120 and its two ancestors");
  await shot("chart-search");

  const memo = `Web test ${Date.now()}`;
  await page.getByRole("link", { name: "Journal", exact: true }).click();
  await page.locator("table.data tbody tr").first().waitFor();
  await shot("journal-list");
  await page.keyboard.press("n");
  await page.waitForURL("**/ledger/journal/new");
  await page.getByLabel("Memo", { exact: true }).fill(memo);
  await page.getByLabel("Line 1 account").selectOption("6900");
  await page.getByLabel("Line 1 amount").fill("123.45");
  await page.getByLabel("Line 2 account").selectOption("1120");
  await page.getByLabel("Line 2 side").selectOption("credit");
  await page.getByLabel("Line 2 amount").fill("100");
  await page.getByText("Out of balance by 23.45").waitFor();
  await page.getByRole("button", { name: "+ Add line" }).click();
  await page.getByLabel("Line 3 account").selectOption("1110");
  await page.getByLabel("Line 3 side").selectOption("credit");
  await page.getByLabel("Line 3 amount").fill("23.45");
  await page.getByText("✓ Balanced").waitFor();
  await shot("journal-entry-form");

  // The same form at 200% zoom: the page reflows instead of scrolling sideways.
  const zoomed = await context.newPage();
  await zoomed.setViewportSize({ width: 640, height: 430 });
  await zoomed.goto("/ledger/journal/new");
  await zoomed.getByLabel("Line 1 account").waitFor();
  const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
  await shot("journal-entry-form-200-percent", zoomed);
  await zoomed.close();

  await page.getByLabel("Line 3 amount").focus();
  await page.keyboard.press("Control+s");
  await page.waitForURL(/\/ledger\/journal\/\d+$/);
  await page.getByText(memo).waitFor();
  const entryUrl = page.url();
  await shot("journal-entry-posted");

  // The journal filters on the server: the memo finds exactly the entry just posted.
  await page.getByRole("link", { name: "Journal", exact: true }).click();
  await page.locator("table.data tbody tr").first().waitFor();
  await page.getByLabel("Memo contains").fill(memo);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/memo=/);
  await page.locator("table.data tbody tr", { hasText: memo }).waitFor();
  check((await page.locator("table.data tbody tr").count()) === 1, "the memo filter leaves one entry");
  await shot("journal-filtered");

  await page.getByRole("link", { name: "Trial balance" }).click();
  const bankFees = page.getByRole("link", { name: /6900\s+Bank Fees/ });
  await bankFees.waitFor();
  await shot("trial-balance");
  // The department filter offers the company's departments by code and name.
  const department = page.getByLabel("Department");
  await department.locator("option", { hasText: "SALES" }).first().waitFor({ state: "attached" });
  check((await department.evaluate((el) => el.tagName)) === "SELECT", "the department filter is a list");
  await bankFees.click();
  await page.waitForURL(/\/ledger\/accounts\/\d+\?/);
  const line = page.getByRole("row").filter({ hasText: memo });
  await line.waitFor();
  check((await line.innerText()).includes("123.45"), "the general ledger line shows the debit");
  await shot("general-ledger");
  await line.getByRole("link").click();
  await page.waitForURL(entryUrl);
  await page.getByText(memo).waitFor();

  await page.getByRole("link", { name: "Income statement" }).click();
  await page.getByText("Net income").waitFor();
  await shot("income-statement");
  await page.getByRole("link", { name: "Balance sheet" }).click();
  await page.getByText("Current earnings").waitFor();
  await shot("balance-sheet");
});
