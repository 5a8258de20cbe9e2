// The order clerk's day: sign in (the demo seeds no order clerk, so the operator's command adds
// one) → customers list and its server-side search → a new customer whose first save is refused
// with the API's reasons beside the bad fields (`addresses/0/line1`, `contacts/0/email`) → fixed
// and saved → the customer page → hold and release. A user without sales.read sees no Sales
// module and a direct URL answers "Not permitted".
import { check, scenario, signIn } from "./harness.mjs";

await scenario("order_clerk", async ({ page, backoffice, shot }) => {
  const clerk = backoffice.addUser("oclerk", ["order_clerk"]);
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
