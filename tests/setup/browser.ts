import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

/**
 * Chromium without a system install: the binary shipped in the
 * `@sparticuz/chromium` npm package, or the one at CHROMIUM_PATH when set.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  const args = process.env.CHROMIUM_PATH
    ? ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
    : chromium.args;
  return playwright.launch({
    executablePath,
    headless: true,
    args: [...args, "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
