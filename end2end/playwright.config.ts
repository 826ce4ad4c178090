import { defineConfig, devices } from "@playwright/test";

// The browser tests run against the release build (the only build that goes through
// wasm-opt), started here on its own port with a throw-away SQLite database holding the demo.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Playwright cannot download its own browsers on these machines: use the system's.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // The demo gives the tests a published plan and one account per role.
    command: "./target/release/nap-tracker demo && ./target/release/nap-tracker serve",
    cwd: "..",
    url: `${baseURL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: "sqlite://target/end2end/nap-tracker.db?mode=rwc",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "target/site",
      RUST_LOG: "warn",
      // Every test signs in from 127.0.0.1, the projects in parallel and with retries: the
      // default sign-in rate limit is for people, not for a test run.
      NAP_SIGN_IN_BURST: "1000",
    },
  },
});
