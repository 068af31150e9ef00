// phone.mjs - loads Khoa's pages in headless Chromium at a 360x800 phone
// viewport and checks that nothing overflows horizontally.
// usage: node phone.mjs BASE_URL SCREENSHOT_DIR [COOKIE_NAME=VALUE [ATTEMPT_PATH]]
import { chromium } from "playwright-core";

const [base, shots, cookie, attempt] = process.argv.slice(2);
const pages = [
  "/",
  "/khoa-hoc/ai-co-ban/",
  "/khoa-hoc/ai-co-ban/tri-tue-nhan-tao-la-gi/",
  "/khoa-hoc/ai-co-ban/hoc-may-va-du-lieu/",
  "/khoa-hoc/ai-an-toan-trach-nhiem/trach-nhiem-va-quy-tac-su-dung/",
  "/khoa-hoc/ai-tao-sinh-van-phong/soan-thao-van-ban-hanh-chinh/",
  "/khoa-hoc/ai-co-ban/kiem-tra/",
  "/trang/huong-dan/",
  "/cgi-bin/login",
  "/cgi-bin/verify",
  "/khong-co-trang-nay/",
];
const signedInPages = ["/cgi-bin/account", "/cgi-bin/start?quiz=ai-co-ban/kiem-tra"];

let passed = 0;
let failed = 0;
function check(name, condition, detail) {
  if (condition) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL: ${name}${detail ? ": " + detail : ""}`);
  }
}

// Returns the elements wider than the viewport, to name the culprit.
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && getComputedStyle(el).position !== "fixed") {
        wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: width,
      wide: wide.slice(0, 5),
    };
  });
}

// Console errors (a blocked script, a policy violation, a failed request)
// of the page being visited.
let consoleErrors = [];

async function visit(page, path) {
  consoleErrors = [];
  const response = await page.goto(base + path, { waitUntil: "load" });
  const o = await overflow(page);
  const name = path.replace(/[^a-z0-9]+/gi, "_");
  await page.screenshot({ path: `${shots}/phone${name}.png`, fullPage: true });
  check(`${path} loads`, response && response.status() < 500, response && response.status());
  check(`${path} has no horizontal overflow`, o.scrollWidth <= o.clientWidth,
    `scrollWidth ${o.scrollWidth} > ${o.clientWidth}; ${o.wide.join(", ")}`);
  check(`${path} shows Vietnamese text`, (await page.locator("html").getAttribute("lang")) === "vi");
  // The 404 page is expected to log its own status.
  const errors = consoleErrors.filter((e) => !(path.startsWith("/khong-co") && e.includes("404")));
  check(`${path} logs no console error`, errors.length === 0, errors.join(" | "));
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  for (const path of pages) {
    await visit(page, path);
  }

  const video = await page.goto(base + "/khoa-hoc/ai-co-ban/tri-tue-nhan-tao-la-gi/");
  check("lesson video page loads", video.ok());
  const videoBox = await page.locator("video").boundingBox();
  check("video fits the phone width", videoBox && videoBox.width <= 360, JSON.stringify(videoBox));
  await page.goto(base + "/khoa-hoc/ai-an-toan-trach-nhiem/trach-nhiem-va-quy-tac-su-dung/");
  const audioBox = await page.locator("audio").boundingBox();
  check("audio player is visible", audioBox && audioBox.height > 0 && audioBox.width <= 360,
    JSON.stringify(audioBox));

  if (cookie) {
    const [cname, cvalue] = cookie.split("=");
    await context.addCookies([{ name: cname, value: cvalue, url: base }]);
    for (const path of signedInPages) {
      await visit(page, path);
    }
  }

  if (cookie && attempt) {
    await visit(page, attempt);
    const timer = page.locator("#timer");
    check("attempt page shows the time left", (await timer.count()) === 1);
    check("countdown runs", /\d+:\d\d/.test((await timer.textContent()) || ""),
      await timer.textContent());
    const firstChoice = page.locator("input[type=radio]").first();
    await firstChoice.check();
    await Promise.all([page.waitForNavigation(), page.locator("#attempt-form button[type=submit]").click()]);
    check("submitting leads to the result page", page.url().includes("/cgi-bin/result"), page.url());
    const path = new URL(page.url()).pathname + new URL(page.url()).search;
    await visit(page, path);
  }
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
