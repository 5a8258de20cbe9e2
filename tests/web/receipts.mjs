// The AR clerk's receipts: an invoice made through the API (order shipped, billing run) → the
// clerk records a cheque for part of it from the receipts list (`n`), paying less than it is
// and keeping the rest unapplied; a bad amount first shows the API's message beside the field →
// the receipt page shows the allocation and the unapplied cash → apply the rest ("spread oldest
// first") → un-apply the first allocation → refund what is unapplied → the customer account
// lists the payment; the AR clerk may not void (the button is absent). Screenshots each step.
import { check, scenario, signIn } from "./harness.mjs";
import { invoiceThroughApi } from "./invoices.mjs";

async function anInvoice(backoffice) {
  const { api, invoice } = await invoiceThroughApi(backoffice, { warehouse: "WEBR", quantity: "5" });
  await api.close();
  return invoice;
}

await scenario("receipts", async ({ page, backoffice, shot }) => {
  const invoice = await anInvoice(backoffice);
  check(Number(invoice.open) > 20, `the invoice is open for more than 20.00: ${invoice.open}`);
  await page.goto("/");
  await signIn(page, backoffice.addUser("arclerk", ["ar_clerk"]));
  const nav = page.getByRole("navigation", { name: "Modules" });
  await nav.getByRole("link", { name: "Receipts" }).click();
  await page.getByRole("heading", { name: "Receipts", exact: true, level: 1 }).waitFor();
  await page.locator("body").press("n");
  await page.getByRole("heading", { name: "Record a receipt", exact: true, level: 1 }).waitFor();

  // Customer, then its open invoices; a cheque of 20.00 of which 15.00 pays the invoice.
  await page.getByLabel("Customer number").fill("C-0001");
  await page.getByRole("button", { name: "Find open invoices" }).click();
  const payField = page.getByLabel(`Pay on ${invoice.number}`);
  await payField.waitFor();
  await page.getByLabel("Amount", { exact: true }).fill("-20");
  await page.getByLabel("Method").selectOption("cheque");
  await page.getByLabel("Reference").fill("Cheque 100234");
  await payField.fill("15.00");
  await page.keyboard.press("Control+s");
  const amountError = page.locator(".field.invalid", { has: page.getByLabel("Amount", { exact: true }) }).locator("[data-field-error]");
  await amountError.waitFor();
  await shot("receipt-refused");
  await page.getByLabel("Amount", { exact: true }).fill("20.00");
  check(/Allocated 15\.00 of 20\.00 USD; 5\.00 stays unapplied cash/.test(await page.getByTestId("split-total").innerText()), "the running total shows the unapplied rest");
  await shot("receipt-form");
  await page.getByRole("button", { name: "Record the receipt" }).click();
  await page.getByRole("heading", { name: "Receipt", exact: true, level: 1 }).waitFor();
  const receiptUrl = page.url();
  const totals = page.getByTestId("receipt-totals");
  check(/Unapplied cash\s*5\.00 USD/.test(await totals.innerText()), `5.00 unapplied: ${await totals.innerText()}`);
  await page.getByTestId("receipt-allocations").getByText(invoice.number).waitFor();
  check((await page.getByRole("button", { name: "Void…" }).count()) === 0, "the AR clerk cannot void");
  await shot("receipt");

  // Apply the rest: spread oldest first puts 5.00 on the invoice.
  await page.getByRole("button", { name: "Apply unapplied cash…" }).click();
  const apply = page.getByTestId("apply-form");
  await apply.getByRole("button", { name: "Spread oldest first" }).click();
  check((await apply.getByLabel(`Pay on ${invoice.number}`).inputValue()) === "5.00", "spread puts the 5.00 on the invoice");
  await shot("receipt-apply");
  await apply.getByRole("button", { name: "Apply", exact: true }).click();
  await page.getByTestId("receipt-totals").getByText("0.00 USD").last().waitFor();
  await page.getByRole("button", { name: "Apply unapplied cash…" }).waitFor({ state: "detached" });
  check((await page.getByTestId("receipt-allocations").locator("tbody tr").count()) === 2, "two allocations");

  // Un-apply the first (15.00) and refund it.
  await page.getByRole("button", { name: `Un-apply ${invoice.number}` }).first().click();
  await page.getByText(/Un-applied/).waitFor();
  check(/Unapplied cash\s*15\.00 USD/.test(await page.getByTestId("receipt-totals").innerText()), "15.00 unapplied again");
  await page.getByRole("button", { name: "Refund…" }).click();
  const refund = page.getByTestId("refund-form");
  check((await refund.getByLabel("Amount to refund").inputValue()) === "15.00", "the refund proposes all the unapplied cash");
  await refund.getByLabel("Refund reference").fill("Back to the customer");
  await refund.getByRole("button", { name: "Refund", exact: true }).click();
  await page.getByRole("region", { name: "Refunds" }).getByText("Back to the customer").waitFor();
  check(/Refunded\s*15\.00 USD/.test(await page.getByTestId("receipt-totals").innerText()), "15.00 refunded");
  await shot("receipt-refunded");

  // The customer account lists the payment.
  await page.getByRole("link", { name: /^C-0001/ }).first().click();
  await page.getByRole("heading", { name: "Customer account", exact: true, level: 1 }).waitFor();
  const payments = page.getByTestId("payments");
  await payments.getByRole("link", { name: `#${receiptUrl.split("/").pop()}` }).waitFor();
  check((await page.getByTestId("unapplied-cash").innerText()) === "0.00 USD", "no unapplied cash left");
  await shot("customer-account-payments");
});
