// The AR clerk's collections: an invoice made through the API (order shipped, billing run) →
// a dunning run as of 60 days on: the dry run previews the customer's letter (level, invoice,
// PDF that answers application/pdf) → on the customer account, the statement of account is a
// PDF and a collection case is opened; it takes a note, a promise to pay, a task due today and a
// dispute → the home lists the task due → the worklist marks it done. Screenshots each step; the
// case at 200% zoom too.
import { check, scenario, signIn } from "./harness.mjs";
import { invoiceThroughApi, isoDay } from "./invoices.mjs";

const day = isoDay;

async function anInvoice(backoffice) {
  const { api, invoice } = await invoiceThroughApi(backoffice, { warehouse: "WEBD", quantity: "3" });
  await api.close();
  return invoice;
}

await scenario("collections", async ({ page, context, backoffice, shot }) => {
  const invoice = await anInvoice(backoffice);
  await page.goto("/");
  await signIn(page, backoffice.addUser("collector", ["ar_clerk"]));
  const card = page.locator('[data-queue="collections"]');
  await card.getByText("No task is due.").waitFor();

  // Dunning: a dry run as of 60 days on previews a letter for C-0001 naming the invoice.
  await card.getByRole("link", { name: "Dunning run" }).click();
  await page.getByRole("heading", { name: "New dunning run", exact: true, level: 1 }).waitFor();
  await page.getByLabel("Dun what is overdue as of").fill(day(60));
  await page.keyboard.press("Control+s");
  const preview = page.getByTestId("dunning-preview");
  await preview.waitFor();
  const letter = preview.locator("tbody tr", { hasText: "C-0001" });
  check((await letter.innerText()).includes(invoice.number), `the letter names ${invoice.number}: ${await letter.innerText()}`);
  const pdf = await letter.getByRole("link", { name: /Letter to C-0001/ }).getAttribute("href");
  const answer = await page.evaluate((href) => fetch(href).then(async (r) => `${r.status} ${r.headers.get("content-type")} ${(await r.text()).slice(0, 5)}`), pdf);
  check(answer === "200 application/pdf %PDF-", `the letter PDF answers a PDF: ${answer}`);
  check((await page.getByRole("button", { name: /^Run: send \d+ letters?$/ }).count()) === 1, "the real run is offered after the preview");
  await shot("dunning-preview");

  // The case: a note, a promise to pay, a task due today.
  await page.goto(`/receivables/customers/${invoice.customer_id}`);
  await page.getByRole("heading", { name: "Customer account", exact: true, level: 1 }).waitFor();
  const statement = await page.getByTestId("statement-pdf").getAttribute("href");
  const statementAnswer = await page.evaluate((href) => fetch(href).then((r) => `${r.status} ${r.headers.get("content-type")}`), statement);
  check(statementAnswer === "200 application/pdf", `the statement of account is a PDF: ${statementAnswer}`);
  await page.getByRole("button", { name: "Open a collection case" }).click();
  await page.getByRole("heading", { name: "Collection case", exact: true, level: 1 }).waitFor();
  await page.getByLabel("New note", { exact: true }).fill("Called AP: the invoice is approved for payment");
  await page.getByRole("button", { name: "Add the note" }).click();
  await page.getByTestId("notes").getByText("approved for payment").waitFor();
  await page.getByLabel("Promised amount", { exact: true }).fill("10.00");
  await page.getByLabel("Promised by", { exact: true }).fill(day(14));
  await page.getByRole("button", { name: "Record the promise" }).click();
  await page.getByTestId("promises").locator(".badge.promise-pending").waitFor();
  await page.getByLabel("New task", { exact: true }).fill("Check the payment arrived");
  await page.getByRole("button", { name: "Add the task" }).click();
  await page.getByTestId("case-tasks").getByText("Check the payment arrived").waitFor();
  // A dispute: the reason, then the badge says so.
  await page.getByRole("button", { name: "Mark disputed…" }).click();
  await page.getByLabel("What the customer disputes").fill("Two boxes arrived damaged");
  await page.getByRole("button", { name: "Mark disputed", exact: true }).click();
  await page.locator(".record-title .badge.overdue", { hasText: "In dispute" }).waitFor();
  await shot("collection-case");
  const zoomed = await context.newPage(); // 200% zoom of a 1280-wide screen
  await zoomed.setViewportSize({ width: 640, height: 430 });
  await zoomed.goto(page.url());
  await zoomed.getByTestId("notes").getByText("approved for payment").waitFor();
  const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the case reflows at 200% zoom (overflow ${overflow}px)`);
  await shot("collection-case-200-percent", zoomed);
  await zoomed.close();

  // Home: the task is due today; the worklist marks it done.
  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Home" }).click();
  await card.getByText("Check the payment arrived").waitFor();
  await shot("home-collections");
  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Collection tasks" }).click();
  const worklist = page.getByTestId("worklist");
  await worklist.getByRole("button", { name: "Done: Check the payment arrived" }).click();
  await worklist.getByText("No task waits.").waitFor();
  await shot("worklist-done");
});
