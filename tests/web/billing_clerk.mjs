// The billing clerk's day, for what exists: an order shipped through the API (as the admin) →
// the billing clerk signs in (a user with the built-in billing_clerk role, added by the
// operator's command) → the home says a billing run is due → the new run's preview names the
// customer → the run makes one invoice → the invoice page (lines, totals, send log) → its PDF
// answers application/pdf → the aging report shows the invoice under its customer; a credit
// note for one box is entered (a draft the clerk may not approve) and an executive approves
// it. Keyboard:
// `?` opens the shortcut help on the new screens, `/` focuses the aging date, j/k move in the
// invoice list. Accessibility: the invoice and the aging at 200% zoom reflow without sideways
// scrolling. Then the dashboards: an executive's home charts the aging (with the new invoice)
// and the orders shipped; a manager of the SALES and WH departments sees those two with this
// year's figures, and a department opens its income statement.
// Then cash: the clerk (billing and AR clerk roles) imports a camt.053 statement built here from
// the invoice's number and open amount, in the shape of shared/formats' camt.053 samples; the
// customer wrote the number short ("INV 45"), so matching proposes instead of posting; the line's
// page shows the score and the reason, the clerk accepts, and the aging no longer lists the
// invoice, which is settled.
import { adminApi, check, scenario, signIn } from "./harness.mjs";

const today = () => new Date().toISOString().slice(0, 10);

// A camt.053.001.08 statement of the demo's Operating account (4400123456, USD) with one
// credit: `amount` (a decimal string) from `payer`, with `remittance` as the unstructured text.
function camt053({ amount, payer, remittance }) {
  const day = today();
  const id = `WEB-${Date.now()}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${id}</MsgId><CreDtTm>${day}T18:00:00+00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${id}</Id>
      <LglSeqNb>2</LglSeqNb>
      <FrToDt><FrDtTm>${day}T00:00:00+00:00</FrDtTm><ToDtTm>${day}T23:59:59+00:00</ToDtTm></FrToDt>
      <Acct><Id><Othr><Id>4400123456</Id></Othr></Id><Ccy>USD</Ccy></Acct>
      <Ntry>
        <Amt Ccy="USD">${amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${day}</Dt></BookgDt>
        <ValDt><Dt>${day}</Dt></ValDt>
        <AcctSvcrRef>${id}-1</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties><Dbtr><Pty><Nm>${payer}</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Ustrd>${remittance}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

// An order of the demo customer C-0001, confirmed and shipped, through the API as the admin.
async function shipAnOrder(backoffice) {
  const api = await adminApi(backoffice);
  await api.post("/api/v1/warehouses", { code: "WEBB", name: "Web billing test depot" });
  await api.post("/api/v1/stock/receipts", { warehouse: "WEBB", date: today(), lines: [{ item: "PAP-A4-80", quantity: "6", unit_cost: "10.00" }] });
  const order = await api.post("/api/v1/sales-orders", { customer: "C-0001", warehouse: "WEBB", customer_reference: "PO-BILL-1", lines: [{ item: "PAP-A4-80", quantity: "4" }] });
  await api.post(`/api/v1/sales-orders/${order.id}/confirm`, {});
  const shipment = await api.post("/api/v1/shipments", { order: order.id, carrier: "DHL", packages: [{ weight_grams: 9000 }] });
  await api.close();
  return { order, shipment };
}

await scenario("billing_clerk", async ({ page, context, backoffice, shot }) => {
  const { order } = await shipAnOrder(backoffice);
  const clerk = backoffice.addUser("bclerk", ["billing_clerk", "ar_clerk"]);
  await page.goto("/");
  await signIn(page, clerk);

  // Home: the billing run is due for the shipped lines.
  const due = page.locator('[data-queue="billing"]');
  await due.getByText("not yet invoiced").waitFor();
  check(/C-0001/.test(await due.innerText()), `the billing run due names C-0001: ${await due.innerText()}`);
  await shot("home");

  // The run: its preview, then one invoice per shipment.
  await due.getByRole("link", { name: "Run billing" }).click();
  await page.getByRole("heading", { name: "New billing run", exact: true, level: 1 }).waitFor();
  check((await page.getByLabel("Bill what shipped up to").inputValue()) === today(), "the run bills up to today");
  const summary = page.getByTestId("preview-summary");
  await summary.waitFor();
  check(/C-0001/.test(await page.locator("form table.data").innerText()), "the preview lists the customer");
  await shot("billing-run-preview");
  await page.keyboard.press("Control+s");
  await page.getByRole("heading", { name: "Billing run", exact: true, level: 1 }).waitFor();
  const made = page.getByTestId("run-invoices");
  await made.waitFor();
  check((await made.locator("tbody tr").count()) >= 1, "the run made an invoice");
  await shot("billing-run");

  // The invoice of the order: lines, totals, issued; its PDF is a PDF.
  await made.locator("tbody tr", { hasText: "C-0001" }).first().getByRole("link").click();
  await page.getByRole("heading", { name: "Invoice", exact: true, level: 1 }).waitFor();
  const invoiceUrl = page.url();
  const number = (await page.locator(".record-title strong").innerText()).trim();
  check(/^INV-/.test(number), `the invoice is numbered: ${number}`);
  check(/PAP-A4-80/.test(await page.getByTestId("document-lines").innerText()), "the invoice bills the shipped paper");
  const totals = await page.getByTestId("document-totals").innerText();
  const orderTotal = order.total.replace(/\B(?=(\d{3})+(?!\d))(?=.*\.)/g, ","); // "1234.50" -> "1,234.50", no floats
  check(totals.includes(orderTotal), `the invoice total is the order's ${orderTotal}: ${totals}`);
  const pdf = await page.getByTestId("pdf-link").getAttribute("href");
  const pdfAnswer = await page.evaluate((href) => fetch(href).then(async (r) => `${r.status} ${r.headers.get("content-type")} ${(await r.text()).slice(0, 5)}`), pdf);
  check(pdfAnswer === "200 application/pdf %PDF-", `the invoice PDF answers a PDF: ${pdfAnswer}`);
  check((await page.getByRole("link", { name: "Open the PDF" }).getAttribute("target")) === "_blank", "the PDF opens in a new tab");
  await shot("invoice");

  // Send it: the send log shows the queued mail.
  await page.getByRole("button", { name: "Send by e-mail…" }).click();
  await page.getByLabel("To").fill("ap@customer.example");
  await page.getByRole("button", { name: "Send with the PDF" }).click();
  await page.getByText("Queued for ap@customer.example").waitFor();
  await page.getByRole("region", { name: "Send log" }).getByText("ap@customer.example").waitFor();
  await page.locator("body").press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await page.keyboard.press("Escape");
  await shot("invoice-sent");

  // A credit note for one box, entered as a draft: the approval is someone else's (below).
  await page.getByRole("button", { name: "Enter a credit note…" }).click();
  await page.getByLabel("Reason").fill("One box arrived damaged");
  await page.getByLabel("Credit of line 1").fill("1");
  await shot("credit-note-form");
  await page.getByRole("button", { name: "Enter the credit note" }).click();
  await page.getByRole("heading", { name: "Credit note", exact: true, level: 1 }).waitFor();
  await page.locator(".badge.draft").waitFor();
  const creditNoteUrl = page.url();
  check((await page.getByRole("button", { name: "Approve the credit note" }).count()) === 0, "the billing clerk cannot approve");

  // Aging: the invoice is open under its customer, not yet due.
  const nav = page.getByRole("navigation", { name: "Modules" });
  await nav.getByRole("link", { name: "Aging" }).click();
  await page.getByRole("heading", { name: "Aging", exact: true, level: 1 }).waitFor();
  await page.locator("body").press("/");
  check(await page.getByLabel("As of").evaluate((element) => element === document.activeElement), "/ focuses the as-of date");
  const row = page.locator('[data-testid="aging"] tr[data-customer="C-0001"]');
  await row.getByRole("button", { name: /Show the invoices/ }).click();
  await page.locator("tr.aging-item", { hasText: number }).waitFor();
  await shot("aging");

  // The customer's account: the invoice among its open items, the order and its shipment.
  await row.getByRole("link").click();
  await page.getByRole("heading", { name: "Customer account", exact: true, level: 1 }).waitFor();
  await page.getByTestId("open-items").getByText(number).waitFor();
  await page.getByRole("region", { name: "Shipments" }).getByText(order.number).waitFor();
  await shot("customer-account");

  // The invoice list: j moves to the first row, Enter opens it.
  await nav.getByRole("link", { name: "Invoices" }).click();
  await page.locator("table.data tbody tr").first().waitFor();
  await page.locator("body").press("j");
  check(await page.evaluate(() => document.activeElement?.classList.contains("row-link") ?? false), "j focuses the first invoice");

  // 200% zoom: the invoice and the aging reflow to the narrow width.
  const zoomed = await context.newPage();
  await zoomed.setViewportSize({ width: 640, height: 430 });
  for (const [url, ready] of [[invoiceUrl, "Invoice"], ["/receivables/aging", "Aging"]]) {
    await zoomed.goto(url);
    await zoomed.getByRole("heading", { name: ready, exact: true, level: 1 }).waitFor();
    await zoomed.locator("table.data").first().waitFor();
    const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `${url}: no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
    await shot(`${ready.toLowerCase()}-200-percent`, zoomed);
  }
  await zoomed.close();

  // The executive's charts: the aging holds the invoice, this month has the shipment.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, backoffice.addUser("exec", ["executive"]));
  await page.getByRole("navigation", { name: "Modules" }).waitFor();
  await page.goto(creditNoteUrl);
  await page.getByRole("button", { name: "Approve the credit note" }).click();
  await page.getByText("Approved: the credit note is issued.").waitFor();
  await page.locator(".record-title strong", { hasText: /^CN-/ }).waitFor(); // numbered once issued
  await shot("credit-note-approved");
  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Home" }).click();
  const agingCard = page.getByTestId("dashboard-aging");
  const notDue = agingCard.locator("table.hbars tr", { hasText: "Not yet due" });
  await notDue.waitFor();
  check((await notDue.locator("span.hbar").evaluate((bar) => bar.getBoundingClientRect().width)) > 0, "the not-yet-due bar is drawn");
  const shippedCard = page.getByTestId("dashboard-shipped");
  await shippedCard.getByText(/\d+ shipments? for \d+ orders?/).waitFor();
  check((await page.locator("svg[role=img]").count()) === 2, "revenue and orders shipped are bar charts");
  await shot("executive-home");

  // The manager's departments.
  await page.getByRole("button", { name: "Sign out" }).click();
  const managerUser = backoffice.addUser("mgr", ["manager"]);
  const api = await adminApi(backoffice);
  const users = await api.get("/api/v1/users?limit=100");
  const managerId = users.items.find((u) => u.username === "mgr").id;
  const departments = await api.get("/api/v1/ledger/departments?limit=100");
  const mine = departments.items.filter((d) => d.code === "SALES" || d.code === "WH").map((d) => d.id);
  await api.put(`/api/v1/users/${managerId}/departments`, { department_ids: mine });
  await api.close();
  await signIn(page, managerUser);
  const departmentsCard = page.getByTestId("manager-departments");
  await departmentsCard.locator("tbody tr").first().waitFor();
  const rows = await departmentsCard.locator("tbody tr").allInnerTexts();
  check(rows.length === 2 && /SALES/.test(rows.join()) && /WH/.test(rows.join()), `the manager sees their two departments: ${rows}`);
  await shot("manager-home");
  // A department opens the department's income statement (ledger.read_department suffices).
  await departmentsCard.getByRole("link", { name: /^SALES/ }).click();
  await page.getByRole("heading", { name: "Income statement", exact: true, level: 1 }).waitFor();
  check((await page.getByTestId("not-permitted").count()) === 0, "the manager may open their income statement");
  await page.locator("table.data").first().waitFor();
  await shot("manager-income-statement");

  // Cash: the clerk imports the bank's statement paying what is open on the invoice (its total
  // less the approved credit note), with the number written short.
  await page.getByRole("button", { name: "Sign out" }).click();
  const admin = await adminApi(backoffice);
  const invoiceId = invoiceUrl.split("/").pop();
  const open = (await admin.get(`/api/v1/invoices/${invoiceId}`)).open;
  await admin.close();
  const sequence = String(Number(number.split("-").pop())); // INV-2026-000045 -> "45"
  const file = camt053({ amount: open, payer: "A. Nonymous Payments", remittance: `Payment INV ${sequence} thank you` });
  await signIn(page, clerk);
  const bankCard = page.locator('[data-queue="bank"]');
  await bankCard.getByText("proposed, to check").waitFor();
  await bankCard.getByRole("link", { name: "Import a statement" }).click();
  await page.getByRole("heading", { name: "Import a statement", exact: true, level: 1 }).waitFor();
  // A broken file first: refused, naming the element; nothing stored.
  const statementFile = page.getByLabel("Statement file");
  await statementFile.setInputFiles({ name: "broken.xml", mimeType: "application/xml", buffer: Buffer.from(file.replace(`>${open}<`, ">12,34<")) });
  await page.getByRole("button", { name: "Import the statement" }).click();
  const refusal = page.getByTestId("import-refusal");
  await refusal.waitFor();
  check(/Ntry\[1\]\/Amt/.test(await refusal.innerText()), `the refusal names the element: ${await refusal.innerText()}`);
  await shot("statement-refused");
  await statementFile.setInputFiles({ name: "statement.xml", mimeType: "application/xml", buffer: Buffer.from(file) });
  await page.keyboard.press("Control+s");
  const result = page.getByTestId("import-result");
  await result.waitFor();
  check(/1 line imported/.test(await result.innerText()), `one line imported: ${await result.innerText()}`);
  check((await result.locator('[data-count="proposed"]').innerText()) === "1", "the line is proposed, not posted");
  await shot("statement-imported");

  // The queue: the line with its best proposal, naming the invoice.
  await result.getByRole("link", { name: "the proposals to check" }).click();
  await page.getByRole("heading", { name: "Matching queue", exact: true, level: 1 }).waitFor();
  const queued = page.locator("table.data tbody tr", { hasText: "A. Nonymous Payments" });
  await queued.waitFor();
  check((await queued.innerText()).includes(number), `the best proposal names ${number}: ${await queued.innerText()}`);
  await shot("matching-queue");
  await queued.getByRole("link").first().click();
  await page.getByRole("heading", { name: "Statement line", exact: true, level: 1 }).waitFor();
  const best = page.locator('[data-testid="proposals"] article[data-rank="1"]');
  await best.getByRole("link", { name: /^C-0001 / }).waitFor(); // the customer's name loads after the proposals
  const bestText = await best.innerText();
  check(bestText.includes(number) && /Score \d+/.test(bestText) && /C-0001/.test(bestText), `the proposal: score, customer and invoice: ${bestText}`);
  check(/INV 0*${sequence}|written/i.test(bestText), `the reason says how the reference was written: ${bestText}`);
  await shot("statement-line-proposal");
  await best.getByRole("button", { name: "Accept the best proposal" }).click();
  const settled = page.getByTestId("settlement");
  await settled.waitFor();
  check(/by accepting a proposal/.test(await settled.innerText()), `the line is matched by accepting: ${await settled.innerText()}`);
  await shot("statement-line-matched");

  // The aging no longer lists the invoice; the invoice is settled.
  await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Aging" }).click();
  await page.getByRole("heading", { name: "Aging", exact: true, level: 1 }).waitFor();
  const agingTable = page.getByTestId("aging");
  await agingTable.waitFor();
  const customerRow = agingTable.locator('tr[data-customer="C-0001"]');
  if ((await customerRow.count()) > 0) {
    await customerRow.getByRole("button", { name: /Show the invoices/ }).click();
    await page.locator("tr.aging-item").first().waitFor();
  }
  check((await agingTable.locator("tr.aging-item", { hasText: number }).count()) === 0, `the aging no longer lists ${number}`);
  await shot("aging-paid");
  await page.goto(invoiceUrl);
  await page.locator(".record-title .badge.settled").waitFor();
  await shot("invoice-paid");
});
