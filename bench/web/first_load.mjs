// First load of the web app in chromium on localhost, against a real server on a seed-demo
// database, `runs` times:
//   cold:  a fresh browser context (no cache, no cookie), navigation start → the sign-in form is
//          on screen (index.html, the JS and CSS bundles, GET /api/v1/me);
//   warm:  signed in, a new tab on the chart of accounts, navigation start → the tree is on
//          screen (assets from the browser cache, GET /me, the accounts API, the render).
// Prints the median and the worst of each; the budget is 1 s.
import { launchBrowser, signIn, startBackoffice } from "../../tests/web/harness.mjs";

const runs = Number(process.env.BO_BENCH_RUNS ?? 15);

function summary(name, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`first load (${name}): median ${median.toFixed(0)} ms, worst ${sorted[sorted.length - 1].toFixed(0)} ms over ${samples.length} loads (budget 1000 ms)`);
}

// Milliseconds from navigation start until `selector` is visible.
async function timeTo(page, url, selector) {
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(selector).first().waitFor();
  return page.evaluate(() => performance.now());
}

const backoffice = await startBackoffice("sqlite");
const browser = await launchBrowser();
try {
  const coldTimes = [];
  const warmTimes = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL: backoffice.baseUrl });
    const page = await context.newPage();
    coldTimes.push(await timeTo(page, "/", "form input[name=username]"));
    await signIn(page, backoffice.admin);
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    const tab = await context.newPage();
    warmTimes.push(await timeTo(tab, "/ledger/accounts", "table.tree tbody tr"));
    await context.close();
  }
  summary("cold, sign-in page", coldTimes);
  summary("warm, chart of accounts signed in", warmTimes);
} finally {
  await browser.close();
  await backoffice.stop();
}
