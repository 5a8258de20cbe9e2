// An order clerk (no ledger.*, no audit.read) sees neither module in the navigation, and a
// direct URL to a ledger or audit screen answers "Not permitted" instead of the screen.
import { check, scenario, signIn } from "./harness.mjs";

await scenario("permissions", async ({ page, backoffice, shot }) => {
  const clerk = backoffice.addUser("clerk", ["order_clerk"]);
  await page.goto("/");
  await signIn(page, clerk);
  // The clerk's home: the demo has orders to confirm, on hold and ready to ship.
  await page.getByRole("heading", { name: /Orders to confirm/ }).waitFor();
  const nav = page.getByRole("navigation", { name: "Modules" });
  const navText = await nav.innerText();
  check(!/Ledger|Chart of accounts|Journal|Trial balance|Audit/.test(navText), `no ledger or audit in the navigation: ${navText}`);
  await shot("home-clerk");

  for (const url of ["/ledger/accounts", "/ledger/journal/new", "/ledger/trial-balance", "/audit/events"]) {
    await page.goto(url);
    await page.getByRole("heading", { name: "Not permitted", level: 1 }).waitFor();
    check((await page.locator("table").count()) === 0, `${url} shows no data`);
  }
  await page.goto("/ledger/accounts");
  await page.getByText("ledger.read").waitFor();
  await shot("not-permitted");
});
