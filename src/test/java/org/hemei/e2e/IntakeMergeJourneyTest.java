package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator takes a call that repeats a demo order: Enter in a field takes it as a new order, never merged; the
 * duplicate's own button takes the next call merged into it. The caller's number, once typed, shows their earlier calls.
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
            String phone = "137" + (10_000_000 + new java.util.Random().nextInt(90_000_000));
            operator.locator("#intake-form input[name=requesterPhone]").fill(phone);
            operator.locator("#intake-form input[name=title]").fill("楼道灯坏");
            operator.locator("#intake-form input[name=title]").press("Enter");
            assertThat(operator.locator("#created-number")).containsText("12345-");
            assertThat(operator.locator("#merged-at-intake")).hasCount(0);
            String first = operator.locator("#created-number").textContent().strip();

            operator.locator("#intake-form input[name=requesterPhone]").fill(phone.substring(0, 3) + "-" + phone.substring(3));
            operator.locator("#intake-form input[name=requesterPhone]").press("Tab"); // leaving the field looks the number up
            assertThat(operator.locator("#caller-history")).containsText("此号码此前来电 1 次");
            assertThat(operator.locator("#caller-history li")).containsText(first);
            operator.locator("#intake-form textarea[name=text]").fill(CALL + "，请尽快修");
            operator.locator("#suggestions .duplicates button").first().click();
            assertThat(operator.locator("#merged-at-intake")).containsText("已并入 12345-");
        }
    }
}
