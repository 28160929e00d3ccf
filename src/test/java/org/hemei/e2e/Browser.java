package org.hemei.e2e;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, headless. Playwright never downloads a browser here; without
 * /usr/bin/chromium the end-to-end tests fail on CI (where .ci/run installs it) and are skipped elsewhere.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    private Browser() {
    }

    static Playwright playwright() {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not installed at " + CHROMIUM + ": e2e skipped");
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static com.microsoft.playwright.Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync")));
    }

    /** A demo account signed in on its own phone-sized page (its own context, so sessions do not mix). */
    static com.microsoft.playwright.Page signIn(com.microsoft.playwright.Browser browser, String base, String user) {
        var page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(390, 844)).newPage();
        page.navigate(base + "/login");
        page.locator("#username").fill(user);
        page.locator("#password").fill("demo");
        page.locator("button[type=submit]").click();
        page.waitForURL(base + "/");
        return page;
    }
}
