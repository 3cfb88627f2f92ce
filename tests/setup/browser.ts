import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

/**
 * Chromium without a system install: the binary shipped in the
 * `@sparticuz/chromium` npm package, or the one at CHROMIUM_PATH when set.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  // Not the package's own `chromium.args`: those are for AWS Lambda and include
  // --single-process (closing a context kills the browser) and
  // --disable-web-security (which would blunt the security tests).
  return playwright.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-dev-shm-usage",
      "--disable-gpu",
      "--use-angle=swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
