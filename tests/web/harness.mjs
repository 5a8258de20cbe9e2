// The browser tests' harness: a real `backoffice serve` on a fresh database seeded with
// `seed-demo`, and Debian's chromium driven headless by playwright-core (never a downloaded
// browser). Each scenario file calls `scenario(name, body)`; screenshots go to
// $BO_WEB_SCREENSHOTS (ctest sets <build>/web-screenshots).
//
// Environment: BO_BINARY (required: the backoffice binary), BO_WEB_BACKEND=sqlite|postgres
// (postgres needs BO_TEST_POSTGRES_URL, as scripts/with-postgres exports it; without it the
// scenario is skipped with exit code 77, or fails under BO_REQUIRE_POSTGRES=1), BO_CHROMIUM
// (default /usr/bin/chromium).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(here, "../..");
// playwright-core is a devDependency of the web app: resolve it from web/node_modules.
const { chromium } = createRequire(path.join(sourceDir, "web", "package.json"))("playwright-core");

export const skipExitCode = 77;
const screenshotsDir = process.env.BO_WEB_SCREENSHOTS ?? path.join(os.tmpdir(), "bo-web-screenshots");
const startTimeoutMs = 30_000;

export function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

function binary() {
  const value = process.env.BO_BINARY;
  check(value, "BO_BINARY names the backoffice binary");
  return value;
}

function run(args, input) {
  const result = spawnSync(binary(), args, { input, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`backoffice ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

function postgresDatabase(name) {
  const admin = process.env.BO_TEST_POSTGRES_URL;
  const created = spawnSync("psql", [admin, "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE ${name}`], { encoding: "utf8" });
  check(created.status === 0, `CREATE DATABASE ${name}: ${created.stderr}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => spawnSync("psql", [admin, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

// A seeded database and a server on 127.0.0.1:<free port>.
export async function startBackoffice(backend) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bo-web-"));
  let database;
  if (backend === "postgres") {
    database = postgresDatabase(`bo_web_${process.pid}_${Date.now()}`);
  } else {
    database = { url: `sqlite:${path.join(dir, "web.db")}`, drop: () => {} };
  }
  const seeded = run(["seed-demo", "--db", database.url]);
  const password = /password (\S+)/.exec(seeded)?.[1];
  check(password, `seed-demo printed the admin password: ${seeded}`);

  const server = spawn(binary(), ["serve", "--listen", "127.0.0.1:0", "--db", database.url, "--log-level", "warn"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const baseUrl = await new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      reject(new Error(`server did not start: ${text}`));
    }, startTimeoutMs);
    server.stdout.on("data", (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
  const stop = async () => {
    server.removeAllListeners("exit");
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    database.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ensureLedger(baseUrl, { company: "DEMO", username: "admin", password });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    admin: { company: "DEMO", username: "admin", password },
    // A user with `roles` and a known password, through the operator's command.
    addUser(username, roles) {
      const userPassword = `web-test-${username}-password`;
      run(["user", "add", "--db", database.url, "--company", "DEMO", "--username", username, ...roles.flatMap((r) => ["--role", r]), "--password-stdin"], `${userPassword}\n`);
      return { company: "DEMO", username, password: userPassword };
    },
    stop,
  };
}

// The demo ledger: when seed-demo has not made a chart of accounts and a fiscal year covering
// today, make them through the API, so that the scenarios can post an entry dated today.
async function ensureLedger(baseUrl, admin) {
  const signIn = await fetch(`${baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(admin),
  });
  check(signIn.ok, `admin signs in through the API (${signIn.status})`);
  const session = await signIn.json();
  const headers = {
    Cookie: signIn.headers.get("set-cookie").split(";")[0],
    "X-CSRF-Token": session.csrf_token,
    "Content-Type": "application/json",
  };
  const call = async (method, apiPath, body) => {
    const response = await fetch(`${baseUrl}${apiPath}`, { method, headers, body: body && JSON.stringify(body) });
    const text = await response.text();
    check(response.ok, `${method} ${apiPath}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const accounts = await call("GET", "/api/v1/ledger/accounts?limit=1");
  if (accounts.items.length === 0) {
    await call("POST", "/api/v1/ledger/accounts/standard-chart", {});
  }
  const today = new Date().toISOString().slice(0, 10);
  const years = await call("GET", "/api/v1/ledger/fiscal-years");
  if (!years.items.some((year) => year.start_date <= today && today < year.end_date)) {
    await call("POST", "/api/v1/ledger/fiscal-years", { start_date: `${today.slice(0, 4)}-01-01` });
  }
  await call("DELETE", "/api/v1/session");
}

// The API as the admin (for a scenario's set-up): get/post/put check the answer and return its
// JSON; close signs out.
export async function adminApi(backoffice) {
  const signInAnswer = await fetch(`${backoffice.baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(backoffice.admin),
  });
  check(signInAnswer.ok, `admin signs in through the API (${signInAnswer.status})`);
  const headers = {
    Cookie: signInAnswer.headers.get("set-cookie").split(";")[0],
    "X-CSRF-Token": (await signInAnswer.json()).csrf_token,
    "Content-Type": "application/json",
  };
  const call = async (method, apiPath, body) => {
    const answer = await fetch(`${backoffice.baseUrl}${apiPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await answer.text();
    check(answer.ok, `${method} ${apiPath}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    get: (apiPath) => call("GET", apiPath),
    post: (apiPath, body) => call("POST", apiPath, body),
    put: (apiPath, body) => call("PUT", apiPath, body),
    close: () => fetch(`${backoffice.baseUrl}/api/v1/session`, { method: "DELETE", headers }),
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.BO_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function signIn(page, user) {
  await page.getByLabel("Company").fill(user.company);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Runs one scenario: prints a closing "N passed, N failed" line and sets the exit code.
export async function scenario(name, body) {
  const backend = process.env.BO_WEB_BACKEND ?? "sqlite";
  if (backend === "postgres" && !process.env.BO_TEST_POSTGRES_URL) {
    if (process.env.BO_REQUIRE_POSTGRES === "1") {
      console.error(`${name}: BO_REQUIRE_POSTGRES=1 but BO_TEST_POSTGRES_URL is not set`);
      console.log("0 passed, 1 failed");
      process.exit(1);
    }
    console.log(`${name}: skipped, BO_TEST_POSTGRES_URL is not set (run under scripts/with-postgres)`);
    process.exit(skipExitCode);
  }
  mkdirSync(screenshotsDir, { recursive: true });
  const prefix = `${name}${backend === "postgres" ? "-postgres" : ""}`;
  const backoffice = await startBackoffice(backend);
  const browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: backoffice.baseUrl, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  let failed = false;
  let shots = 0;
  const shot = async (label, target = page) => {
    shots += 1;
    const file = path.join(screenshotsDir, `${prefix}-${String(shots).padStart(2, "0")}-${label}.png`);
    await target.screenshot({ path: file, fullPage: true });
  };
  try {
    await body({ page, context, browser, backoffice, shot, consoleErrors });
    // The browser logs every 4xx the app asked for and handled (a refused sign-in, a 401, a 400).
    const unexpected = consoleErrors.filter((text) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(text));
    check(unexpected.length === 0, `no errors in the browser console: ${unexpected.join(" | ")}`);
  } catch (error) {
    failed = true;
    console.error(`${name} (${backend}) FAILED: ${error.stack ?? error}`);
    await shot("failure").catch(() => {});
  } finally {
    await browser.close();
    await backoffice.stop();
  }
  console.log(`screenshots: ${screenshotsDir}/${prefix}-*.png`);
  console.log(failed ? "0 passed, 1 failed" : "1 passed, 0 failed");
  process.exitCode = failed ? 1 : 0;
}
