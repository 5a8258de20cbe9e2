// The session is deleted on the server; the next request answers 401, the app asks to sign in
// again over the current screen, and after signing in the user is where they were.
import { check, scenario, signIn } from "./harness.mjs";

await scenario("session-expiry", async ({ page, backoffice, shot }) => {
  await page.goto("/ledger/trial-balance");
  await page.getByRole("heading", { name: "Sign in to Backoffice" }).waitFor();
  await shot("sign-in");
  await signIn(page, { ...backoffice.admin, password: "wrong-password" });
  await page.getByText("Company, username or password is wrong.").waitFor();
  await shot("sign-in-refused");
  await signIn(page, backoffice.admin);
  await page.getByRole("heading", { name: "Trial balance", level: 1 }).waitFor();

  const status = await page.evaluate(async () => {
    const { csrf } = JSON.parse(window.localStorage.getItem("bo.session"));
    const response = await fetch("/api/v1/session", { method: "DELETE", headers: { "X-CSRF-Token": csrf } });
    return response.status;
  });
  check(status === 204 || status === 200, `the session was deleted (${status})`);

  await page.getByRole("link", { name: "Journal", exact: true }).click();
  await page.getByRole("heading", { name: "Your session has ended" }).waitFor();
  await shot("session-ended");
  await page.getByLabel("Username").fill(backoffice.admin.username);
  await page.getByLabel("Password").fill(backoffice.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("table.data tbody tr").first().waitFor();
  check(page.url().endsWith("/ledger/journal"), `back where the user was: ${page.url()}`);
  await shot("back-after-sign-in");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("You have signed out.").waitFor();
  const me = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
  check(me === 401, `signed out on the server too (${me})`);
});
