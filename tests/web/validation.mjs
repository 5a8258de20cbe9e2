// A bad amount shows the API's own message beside the field it concerns, and nothing posts.
import { check, scenario, signIn } from "./harness.mjs";

await scenario("validation", async ({ page, backoffice, shot }) => {
  await page.goto("/ledger/journal/new");
  await signIn(page, backoffice.admin);
  await page.getByLabel("Line 1 account").selectOption("6900");
  await page.getByLabel("Line 1 amount").fill("12.345");
  await page.getByLabel("Line 2 account").selectOption("1120");
  await page.getByLabel("Line 2 side").selectOption("credit");
  await page.getByLabel("Line 2 amount").fill("12.34");
  await page.getByRole("button", { name: "Post entry" }).click();

  const error = page.locator('tr[data-line="0"] [data-field-error]');
  await error.waitFor();
  const shown = (await error.innerText()).trim();
  // What the API itself says about this body.
  const expected = await page.evaluate(async () => {
    const { csrf } = JSON.parse(window.localStorage.getItem("bo.session"));
    const response = await fetch("/api/v1/ledger/journal-entries", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({
        date: new Date().toISOString().slice(0, 10),
        lines: [
          { account: "6900", side: "debit", amount: "12.345", currency: "USD" },
          { account: "1120", side: "credit", amount: "12.34", currency: "USD" },
        ],
      }),
    });
    return { status: response.status, problem: await response.json() };
  });
  check(expected.status === 400, `the API refuses the body (${expected.status})`);
  const reason = expected.problem.errors.find((e) => e.field === "lines/0/amount")?.reason;
  check(reason && shown === reason, `the field shows the API's reason: "${shown}" vs "${reason}"`);
  check((await page.getByLabel("Line 1 amount").getAttribute("aria-invalid")) === "true", "the amount is marked invalid");
  check(page.url().endsWith("/ledger/journal/new"), "still on the form");
  await page.getByRole("alert").first().waitFor();
  await shot("bad-amount");

  // Leaving with unsaved changes asks first; dismissing keeps the form.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("link", { name: "Trial balance" }).click();
  check(page.url().endsWith("/ledger/journal/new"), "dismissing the warning keeps the form");
  check((await page.getByLabel("Line 1 amount").inputValue()) === "12.345", "the typed amount is still there");
});
