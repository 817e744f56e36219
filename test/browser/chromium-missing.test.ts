import { chromiumMissing, launchChromium } from "./support/chromium";

describe("the browser tests without Chromium", () => {
  it("fail at once with what to install, not with Playwright's words", async () => {
    const nowhere = "/nonexistent/chromium";
    await expect(launchChromium(nowhere)).rejects.toThrow(chromiumMissing(nowhere));
    expect(chromiumMissing(nowhere)).toContain("CHROMIUM_PATH");
  });
});
