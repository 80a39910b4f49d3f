/**
 * Puppeteer (pulled in by whatsapp-web.js) downloads its own Chrome on install,
 * which fails on machines without internet. We use the system Chromium instead
 * (Debian package `chromium`, path from WHATSAPP_BROWSER_PATH).
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
};
