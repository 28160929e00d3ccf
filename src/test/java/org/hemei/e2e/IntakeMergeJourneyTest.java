package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator takes a call that repeats a demo order: Enter in a field takes it as a new order, never merged; the
 * duplicate's own button takes the next call merged into it.
 */
@WithDemoOrders
class IntakeMergeJourneyTest {

    static final String CALL = "识字里社区3栋楼道灯坏了好几天，晚上上下楼看不见";

    @LocalServerPort
    int port;

    @Test
    void enterTakesTheCallAndTheDuplicatesButtonTakesItMerged() {
        try (Playwright playwright = Browser.playwright(); var browser = Browser.launch(playwright)) {
            String base = "http://localhost:" + port;
            Page operator = Browser.signIn(browser, base, "dispatcher");
            operator.navigate(base + "/casework/intake");
            operator.locator("#intake-form textarea[name=text]").fill(CALL);
            operator.locator("#suggestions .duplicates button").first().waitFor(); // the demo's 楼道灯 order
            operator.locator("#intake-form input[name=title]").fill("楼道灯坏");
            operator.locator("#intake-form input[name=title]").press("Enter");
            assertThat(operator.locator("#created-number")).containsText("12345-");
            assertThat(operator.locator("#merged-at-intake")).hasCount(0);

            operator.locator("#intake-form textarea[name=text]").fill(CALL + "，请尽快修");
            operator.locator("#suggestions .duplicates button").first().click();
            assertThat(operator.locator("#merged-at-intake")).containsText("已并入 12345-");
        }
    }
}
