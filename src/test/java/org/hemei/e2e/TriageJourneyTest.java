package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import org.hemei.triage.internal.TinyData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The administrator's category models in a real browser: upload labelled messages and watch the training's progress
 * reach "done" without reloading (htmx polling); retrain, and activate the second version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TriageJourneyTest {

    @LocalServerPort
    int port;

    @Test
    void uploadTrainWatchActivate() {
        String base = "http://localhost:" + port;
        byte[] csv = TinyData.csv(TinyData.messages(30, 61)).getBytes(StandardCharsets.UTF_8);
        try (Playwright playwright = org.hemei.e2e.Browser.playwright(); Browser browser = org.hemei.e2e.Browser.launch(playwright)) {
            Page admin = org.hemei.e2e.Browser.signIn(browser, base, "admin");
            admin.navigate(base + "/triage/models");
            admin.locator("#upload-form input[type=file]").setInputFiles(new FilePayload("history.csv", "text/csv", csv));
            // While the file goes up, the form says so and cannot be sent twice.
            // (a listener after the page's own keeps this first submission from leaving the page, to see it)
            admin.evaluate("() => window.addEventListener('submit', e => e.preventDefault(), { once: true })");
            admin.locator("#upload-form button[type=submit]").click();
            assertThat(admin.locator("#upload-form button[type=submit]")).isDisabled();
            assertThat(admin.locator("#upload-form .upload-status")).containsText("正在上传");
            admin.evaluate("() => document.getElementById('upload-form').requestSubmit()");
            watchUntilDone(admin);
            // a second version (retrained) waits for the administrator, who activates it
            admin.navigate(base + "/triage/models");
            admin.locator("#retrain-form button").click();
            String made = watchUntilDone(admin);
            admin.navigate(base + "/triage/models");
            admin.locator("#version-" + made + " form button").click();
            assertThat(admin.locator("#triage-notice")).hasText("已启用 v" + made);
            assertThat(admin.locator("#version-" + made)).containsText("使用中");
        }
    }

    /** Waits on the training page until its progress says done; returns the version the training made. */
    private static String watchUntilDone(Page admin) {
        admin.waitForURL(url -> url.contains("/triage/models?training="));
        assertThat(admin.locator("#training-progress progress")).isVisible();
        // the fragment replaces itself every second until the training has finished
        assertThat(admin.locator("#training-status")).hasText("已完成", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        return admin.locator("#training-progress").textContent().replaceAll("(?s).*生成 v(\\d+).*", "$1");
    }
}
