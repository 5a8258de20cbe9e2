// The AR clerk's matching queue on the demo statement (seed-demo imports 24 days of camt.053):
// filter the unmatched lines and search "Account fee" on the server → post that bank fee by hand
// to 6900 Bank Fees → unmatch it with a reason (the entry is reversed, the line waits again) →
// a Fabrikam payment that only an amount-only guess proposes is matched by hand to the customer
// whose invoice it pays (find its open invoices, spread oldest first) → the receipt it made.
// The line page at 200% zoom reflows; a billing clerk without banking permissions is refused the
// line's URL. Screenshots each step.
import { check, scenario, signIn } from "./harness.mjs";

await scenario("matching", async ({ page, context, backoffice, shot }) => {
  await page.goto("/");
  await signIn(page, backoffice.addUser("matcher", ["ar_clerk"]));
  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Matching queue" }).click();
  await page.getByRole("heading", { name: "Matching queue", exact: true, level: 1 }).waitFor();
  await page.getByRole("combobox", { name: "Status", exact: true }).selectOption("unmatched");
  await page.locator("body").press("/");
  await page.keyboard.type("Account fee");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const rows = page.locator("table.data tbody tr");
  await rows.first().getByText("Account fee").waitFor();
  check((await rows.allInnerTexts()).every((text) => /Account fee/.test(text) && /Unmatched/.test(text)), "only unmatched account fees are listed");
  await shot("queue-filtered");

  // The fee: money out, posted by hand to 6900, then unmatched again.
  await rows.first().getByRole("link").first().click();
  await page.getByRole("heading", { name: "Statement line", exact: true, level: 1 }).waitFor();
  const lineUrl = page.url();
  const manual = page.getByTestId("manual-match");
  check(await manual.getByLabel("A ledger account (bank fees, interest…)").isChecked(), "money out matches to an account");
  await manual.getByLabel("Ledger account", { exact: true }).fill("6900");
  await manual.getByLabel("Memo").fill("Monthly account fee");
  await manual.getByRole("button", { name: "Post to the account" }).click();
  const settled = page.getByTestId("settlement");
  await settled.getByText("Posted to ledger account 6900").waitFor();
  await shot("fee-posted");
  await settled.getByLabel("Reason to unmatch").fill("Posted to the wrong period");
  await settled.getByRole("button", { name: "Unmatch" }).click();
  await page.getByTestId("manual-match").waitFor();
  await page.locator(".record-title .badge.unmatched").waitFor();

  // A Fabrikam payment of 960.00: matched by hand to C-0006, whose invoice is for that amount.
  await page.goto("/banking/lines?search=inv2006");
  const fabrikam = page.locator("table.data tbody tr", { hasText: "Fabrikam" }).first();
  await fabrikam.waitFor();
  await fabrikam.getByRole("link").first().click();
  await page.getByRole("heading", { name: "Statement line", exact: true, level: 1 }).waitFor();
  const byHand = page.getByTestId("manual-match");
  await byHand.getByLabel("Customer number").fill("C-0006");
  await byHand.getByRole("button", { name: "Find open invoices" }).click();
  await byHand.getByTestId("allocations").waitFor();
  await byHand.getByRole("button", { name: "Spread oldest first" }).click();
  check(/Allocated 960\.00 of 960\.00 USD/.test(await byHand.getByTestId("split-total").innerText()), `spread allocates the whole line: ${await byHand.getByTestId("split-total").innerText()}`);
  await shot("match-by-hand");
  await byHand.getByRole("button", { name: "Match to these invoices" }).click();
  const matched = page.getByTestId("settlement");
  await matched.getByText("by hand").waitFor();
  await matched.getByRole("link", { name: /^#\d+$/ }).click();
  await page.getByRole("heading", { name: "Receipt", exact: true, level: 1 }).waitFor();
  await page.getByTestId("receipt-allocations").getByText("INV-").first().waitFor();
  await shot("receipt-from-match");

  // 200% zoom: the line page reflows.
  const zoomed = await context.newPage();
  await zoomed.setViewportSize({ width: 640, height: 430 });
  await zoomed.goto(lineUrl);
  await zoomed.getByTestId("manual-match").waitFor();
  const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the line page reflows at 200% zoom (overflow ${overflow}px)`);
  await shot("line-200-percent", zoomed);
  await zoomed.close();

  // A billing clerk (no banking permission) sees no Banking module, and a direct URL is refused.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, backoffice.addUser("biller", ["billing_clerk"]));
  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Invoices" }).waitFor();
  check((await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Matching queue" }).count()) === 0, "no matching queue in the billing clerk's navigation");
  await page.goto(lineUrl);
  await page.getByTestId("not-permitted").waitFor();
  await shot("not-permitted");
});
