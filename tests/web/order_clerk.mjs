// The order clerk's day: sign in (the demo seeds no order clerk, so the operator's command adds
// one) → customers list → a new customer whose first save is refused with the API's reasons
// beside the bad fields (`addresses/0/line1`, `contacts/0/email`) → fixed and saved → hold and
// release → an edit asks before leaving → an order whose fractional quantity is refused beside
// the field, then entered with a line the warehouse cannot fully cover → confirmed: the line
// shows its backorder → the clerk's home lists it as ready to ship → the server-side search. A
// user without sales.read sees no Sales module and a direct URL answers "Not permitted".
// Then the warehouse half of the flow: the order clerk does not ship, so the test's user holds
// BOTH roles, order_clerk and warehouse_clerk (one user, one session): from the confirmed order
// → a pick list for it (sorted by bin, 5 to pick) → recorded as picked → shipped from the list
// with a carrier and a package → the shipment page and its packing slip (application/pdf) →
// the order is partly shipped (the 3 backordered stay open) → the warehouse home lists the
// shipment under "Shipped today" → the 3 arrive and "ship now" ships them (a bad package weight
// is refused beside its field first) → one box of the first shipment comes back and is scrapped.
import { adminApi, check, scenario, signIn } from "./harness.mjs";

// Stock for the scenario, through the API as the admin: a warehouse and a receipt into it.
async function receiveThroughApi(backoffice, { warehouse, item, quantity }) {
  const api = await adminApi(backoffice);
  await api.post("/api/v1/warehouses", { code: warehouse, name: "Web order test depot" });
  await api.post("/api/v1/stock/receipts", { warehouse, date: new Date().toISOString().slice(0, 10), lines: [{ item, quantity, unit_cost: "10.00" }] });
  await api.close();
}

await scenario("order_clerk", async ({ page, context, backoffice, shot }) => {
  const clerk = backoffice.addUser("oclerk", ["order_clerk", "warehouse_clerk"]);
  await page.goto("/");
  await signIn(page, clerk);
  const nav = page.getByRole("navigation", { name: "Modules" });
  await nav.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
  await page.locator("table.data tbody tr").first().waitFor();
  await shot("customers");

  // "n" opens the form; the first save has a bad address and a bad contact e-mail.
  await page.locator("body").press("n");
  await page.getByRole("heading", { name: "New customer", level: 1 }).waitFor();
  await page.getByLabel("Number").fill("C-WEB-1");
  await page.getByLabel("Name", { exact: true }).fill("Webshop Testing Ltd");
  await page.getByLabel("E-mail", { exact: true }).fill("orders@webshop.example");
  await page.getByLabel("Credit limit").fill("5000");
  await page.getByRole("button", { name: "+ Billing address" }).click();
  await page.getByRole("button", { name: "+ Shipping address" }).click();
  const billing = page.getByRole("region", { name: "Address 1" });
  await billing.getByLabel("City").fill("Springfield");
  await billing.getByLabel("Country").fill("US");
  const shipping = page.getByRole("region", { name: "Address 2" });
  await shipping.getByLabel("Label").fill("Receiving dock");
  await shipping.getByLabel("Street", { exact: true }).fill("1 Dock Road");
  await shipping.getByLabel("City").fill("Shelbyville");
  await page.getByRole("button", { name: "+ Contact" }).click();
  await page.getByLabel("Contact 1 name").fill("Pat Buyer");
  await page.getByLabel("Contact 1 e-mail").fill("not-an-email");
  await page.keyboard.press("Control+s");

  await page.getByText("The customer was not saved").waitFor();
  const street = billing.getByLabel("Street", { exact: true });
  check((await street.getAttribute("aria-invalid")) === "true", "the empty street of address 1 is marked invalid");
  const streetError = billing.locator(".field.invalid .field-error").first();
  check((await streetError.innerText()).length > 0, "a reason is shown beside the street");
  const emailField = page.getByLabel("Contact 1 e-mail");
  check((await emailField.getAttribute("aria-invalid")) === "true", "the contact's bad e-mail is marked invalid");
  check(page.url().endsWith("/sales/customers/new"), "still on the form after the refusal");
  await shot("customer-errors");

  await street.fill("12 Main Street");
  await emailField.fill("pat@webshop.example");
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.getByRole("heading", { name: "Customer", level: 1 }).waitFor();
  await page.getByText("Webshop Testing Ltd").first().waitFor();
  const addresses = await page.getByRole("region", { name: "Addresses" }).innerText();
  check(/Billing · default/i.test(addresses) && /Shipping · default/i.test(addresses), `one default of each kind: ${addresses}`);
  check(/Receiving dock/.test(addresses) && /12 Main Street/.test(addresses), `both addresses shown: ${addresses}`);
  await shot("customer-page");

  // Hold with a reason, then release.
  await page.getByRole("button", { name: "Put on hold…" }).click();
  await page.getByLabel("Reason for the hold").fill("Disputed invoice");
  await page.getByRole("button", { name: "Put on hold", exact: true }).click();
  await page.getByText("On hold: Disputed invoice").waitFor();
  await shot("customer-on-hold");
  await page.getByRole("button", { name: "Release hold" }).click();
  await page.getByText("The customer is active again.").waitFor();

  // Edit: a change, then leaving asks first.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("heading", { name: "Edit customer", level: 1 }).waitFor();
  await page.getByLabel("Payment terms (days)").fill("45");
  let asked = false;
  page.once("dialog", (dialog) => {
    asked = true;
    void dialog.dismiss();
  });
  await nav.getByRole("link", { name: "Customers" }).click();
  check(asked, "leaving the changed form asks first");
  check(page.url().endsWith("/edit"), "dismissing the question keeps the form");
  await page.keyboard.press("Control+s");
  await page.getByRole("heading", { name: "Customer", level: 1 }).waitFor();
  await page.getByText("45 days").waitFor();

  // An order with a line that cannot be fully reserved: 5 boxes in a new warehouse, 8 ordered.
  await receiveThroughApi(backoffice, { warehouse: "WEBO", item: "PAP-A4-80", quantity: "5" });
  await page.getByRole("link", { name: "New order for this customer" }).click();
  await page.getByRole("heading", { name: "New sales order", level: 1 }).waitFor();
  check((await page.getByLabel("Customer", { exact: true }).inputValue()) === "C-WEB-1", "the order starts with the customer");
  await page.getByLabel("Warehouse").selectOption("WEBO");
  await page.getByLabel("Line 1 item").fill("PAP-A4-80");
  await page.getByLabel("Line 1 quantity").fill("2.5");
  await page.locator('tr[data-line="0"] td[data-available]', { hasText: "5" }).waitFor();
  await page.getByLabel("Customer reference").fill("PO-77");
  await page.keyboard.press("Control+s");
  await page.getByText("The order was not saved").waitFor();
  const orderQuantity = page.getByLabel("Line 1 quantity");
  check((await orderQuantity.getAttribute("aria-invalid")) === "true", "the fractional quantity is marked invalid");
  const quantityReason = await page.locator('tr[data-line="0"] .field.invalid .field-error').innerText();
  check(quantityReason.length > 0, "the API's reason is beside the quantity");
  await shot("order-bad-quantity");
  await orderQuantity.fill("8");
  await page.locator('tr[data-line="0"] td[data-available].warn').waitFor();
  await shot("order-entry");
  await page.getByRole("button", { name: "Enter order" }).click();
  await page.getByRole("heading", { name: "Sales order", exact: true, level: 1 }).waitFor();
  const entered = await page.getByTestId("order-lines").innerText();
  check(/short 3/.test(entered), `the entered order shows the line is 3 short: ${entered}`);
  await shot("order-entered");
  await page.getByRole("button", { name: "Confirm order" }).click();
  await page.getByText("Confirmed: stock is reserved").waitFor();
  await page.getByTestId("backorder-note").waitFor();
  const line = page.locator('[data-testid="order-lines"] tbody tr[data-line="1"]');
  check((await line.locator("td[data-backordered]").innerText()) === "3", "3 boxes backordered");
  check((await line.locator("td").nth(7).innerText()) === "5", "5 boxes reserved");
  await page.getByRole("region", { name: "History" }).getByText(/confirmed/).first().waitFor(); // it reloads after the action
  const history = await page.getByRole("region", { name: "History" }).innerText();
  check(/entered/.test(history) && /confirmed/.test(history), `the history shows entry and confirmation: ${history}`);
  await shot("order-confirmed");

  // The customer and order forms at 200% zoom: the page reflows instead of scrolling sideways.
  const zoomed = await context.newPage();
  await zoomed.setViewportSize({ width: 640, height: 430 });
  for (const [url, ready] of [["/sales/customers/new", "+ Billing address"], ["/sales/orders/new", "+ Add line"]]) {
    await zoomed.goto(url);
    await zoomed.getByRole("button", { name: ready }).click();
    const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `${url}: no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
    await shot(`${url.split("/")[2]}-form-200-percent`, zoomed);
  }
  await zoomed.close();

  // Home: the confirmed order is ready to ship (its reserved part).
  await nav.getByRole("link", { name: "Home" }).click();
  await page.locator('[data-queue="ship"] li', { hasText: "C-WEB-1" }).waitFor();
  await shot("clerk-home");

  // Pick: from the order, a pick list for it in its warehouse.
  await page.locator('[data-queue="ship"] li', { hasText: "C-WEB-1" }).getByRole("link").click();
  await page.getByRole("heading", { name: "Sales order", exact: true, level: 1 }).waitFor();
  const orderUrl = page.url();
  await page.getByRole("link", { name: "Pick list", exact: true }).click();
  await page.getByRole("heading", { name: "New pick list", exact: true, level: 1 }).waitFor();
  check((await page.getByLabel("Warehouse").inputValue()) === "WEBO", "the pick list starts in the order's warehouse");
  check(await page.getByRole("checkbox").first().isChecked(), "the order the link came from is ticked");
  await shot("pick-list-new");
  await page.getByRole("button", { name: "Make the pick list" }).click();
  await page.getByRole("heading", { name: "Pick list", exact: true, level: 1 }).waitFor();
  const pickListUrl = page.url();
  const pickLine = page.locator('[data-testid="pick-lines"] tbody tr').first();
  check(/PAP-A4-80/.test(await pickLine.innerText()), `the pick list holds the paper: ${await pickLine.innerText()}`);
  check(/^5\b/.test(await pickLine.locator("td").nth(4).innerText()), "5 boxes to pick (what is reserved, not the 3 backordered)");
  await shot("pick-list-open");
  await page.getByRole("button", { name: "Record picked" }).click();
  await page.locator(".badge.picked").waitFor();

  // Ship what was picked: a carrier and one package of 12.5 kg.
  await page.getByLabel("Carrier").fill("UPS");
  await page.getByLabel("Tracking number").fill("1Z-WEB-TEST");
  await page.getByLabel("Package 1 weight (kg)").fill("12.5");
  await shot("pick-list-picked");
  await page.getByRole("button", { name: /^Ship SO-/ }).click();
  await page.getByText("Shipped:").waitFor();
  await page.locator(".ok-note a", { hasText: "SH-" }).click();
  await page.getByRole("heading", { name: "Shipment", exact: true, level: 1 }).waitFor();
  const shipped = await page.getByTestId("shipment-lines").innerText();
  check(/PAP-A4-80/.test(shipped) && /\b5\b/.test(shipped), `the shipment carries the 5 boxes: ${shipped}`);
  await page.getByText("12.5 kg").first().waitFor();
  const slip = await page.getByRole("link", { name: "Packing slip (PDF)" }).getAttribute("href");
  const slipType = await page.evaluate((href) => fetch(href).then((r) => `${r.status} ${r.headers.get("content-type")}`), slip);
  check(slipType === "200 application/pdf", `the packing slip answers a PDF: ${slipType}`);
  await shot("shipment");
  // The pick list and the shipment at 200% zoom: they reflow (wide tables scroll in their box).
  const shipmentUrl = page.url();
  const narrow = await context.newPage();
  await narrow.setViewportSize({ width: 640, height: 430 });
  for (const [url, heading] of [[pickListUrl, "Pick list"], [shipmentUrl, "Shipment"]]) {
    await narrow.goto(url);
    await narrow.getByRole("heading", { name: heading, exact: true, level: 1 }).waitFor();
    await narrow
      .locator("table.data")
      .first()
      .waitFor()
      .catch(async (error) => {
        throw new Error(`${url} at 200% shows no table: ${await narrow.locator("main").innerText()}`, { cause: error });
      });
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `${url}: no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
    await shot(`${heading.toLowerCase().replace(" ", "-")}-200-percent`, narrow);
  }
  await narrow.close();

  // The order is partly shipped; the warehouse home shows today's shipment.
  await page.goto(orderUrl);
  await page.locator(".badge.partly_shipped").waitFor();
  check((await line.locator("td[data-backordered]").innerText()) === "3", "the 3 backordered boxes stay open");
  await shot("order-partly-shipped");
  await nav.getByRole("link", { name: "Home" }).click();
  await page.locator('[data-queue="shipped"] li', { hasText: "SH-" }).waitFor();
  await shot("warehouse-home");

  // The rest arrives (the backorder is allocated on arrival) and ships at once, without a pick
  // list; then one box of the first shipment comes back damaged and is scrapped.
  const api = await adminApi(backoffice);
  await api.post("/api/v1/stock/receipts", { warehouse: "WEBO", date: new Date().toISOString().slice(0, 10), lines: [{ item: "PAP-A4-80", quantity: "3", unit_cost: "10.00" }] });
  await api.close();
  await page.goto(orderUrl);
  await page.getByRole("link", { name: "Ship now", exact: true }).click();
  await page.getByRole("heading", { name: "Ship now", exact: true, level: 1 }).waitFor();
  check((await page.locator("tr[data-ship-line] td").nth(1).innerText()) === "3", "3 boxes can ship now");
  await page.getByLabel("Carrier").fill("FedEx");
  await page.getByLabel("Package 1 weight (kg)").fill("-1");
  await page.keyboard.press("Control+s");
  await page.getByText("The shipment was not saved").waitFor();
  check((await page.getByLabel("Package 1 weight (kg)").getAttribute("aria-invalid")) === "true", "the bad weight is marked beside its field");
  await shot("ship-now-refused");
  await page.getByLabel("Package 1 weight (kg)").fill("7.5");
  await page.keyboard.press("Control+s");
  await page.getByRole("heading", { name: "Shipment", exact: true, level: 1 }).waitFor();
  await page.locator("text=shipped directly").waitFor();
  await page.goto(orderUrl);
  await page.locator(".badge.shipped").waitFor();

  await page.goto(shipmentUrl);
  await page.getByRole("button", { name: "Enter a return…" }).click();
  await page.getByLabel("Quantity returned of PAP-A4-80").fill("1");
  await page.getByLabel("Reason").fill("Box crushed in transit");
  await page.getByRole("button", { name: "Authorise the return" }).click();
  await page.getByRole("heading", { name: "Return", exact: true, level: 1 }).waitFor();
  await page.getByLabel("On arrival of PAP-A4-80").selectOption("scrap");
  await shot("return-authorised");
  await page.getByRole("button", { name: "Receive the return" }).click();
  await page.locator(".badge.received").waitFor();
  check(/Scrap/.test(await page.locator("table.data tbody").innerText()), "the returned box is scrapped");
  await shot("return-received");

  // The list searches on the server: by the new customer's e-mail domain.
  await nav.getByRole("link", { name: "Customers" }).click();
  await page.locator("body").press("/");
  await page.keyboard.type("webshop.example");
  await page.keyboard.press("Enter");
  await page.waitForURL(/search=webshop.example/);
  await page.locator("table.data tbody tr", { hasText: "C-WEB-1" }).waitFor();
  check((await page.locator("table.data tbody tr").count()) === 1, "the search finds exactly the new customer");
  await shot("customers-search");

  // Without sales.read: no Sales module, and a direct URL is refused.
  await page.getByRole("button", { name: "Sign out" }).click();
  const glClerk = backoffice.addUser("nosales", ["gl_clerk"]);
  await signIn(page, glClerk);
  await page.getByRole("navigation", { name: "Modules" }).waitFor();
  const permitted = (await page.evaluate(() => fetch("/api/v1/me").then((r) => r.json()))).permissions;
  check(!permitted.includes("sales.read"), `the second user has no sales.read: ${permitted}`);
  const navText = await page.getByRole("navigation", { name: "Modules" }).innerText();
  check(!/Customers|Sales/.test(navText), `no Sales module in the navigation: ${navText}`);
  await page.goto("/sales/customers");
  await page.getByRole("heading", { name: "Not permitted", level: 1 }).waitFor();
  check((await page.locator("table").count()) === 0, "the refused screen shows no data");
  await shot("customers-not-permitted");
});
