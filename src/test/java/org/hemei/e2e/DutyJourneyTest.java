package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The community gate in a real browser, on a phone-sized screen: a department sends a task that is not on the access
 * list and is refused, applies from the refusal, the reviewer lists it, the department sends it again and it is
 * delivered; the community sees the task and its notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DutyJourneyTest {

    static final String SHIZILI = "430102001001";

    @LocalServerPort
    int port;

    String base() {
        return "http://localhost:" + port;
    }

    Page signIn(Browser browser, String user) {
        return org.hemei.e2e.Browser.signIn(browser, base(), user);
    }

    void send(Page department, String title, String itemCode) {
        department.navigate(base() + "/duty/tasks");
        department.locator("#task-title").fill(title);
        department.locator("#task-item").selectOption(itemCode);
        department.locator("#task-communities").selectOption(SHIZILI);
        department.locator("#task-due").fill(LocalDate.now().plusDays(10).toString());
        department.locator("#task-submit").click();
    }

    @Test
    void refusedAppliedListedDelivered() {
        String title = "协助摸排电动车入户充电-" + UUID.randomUUID().toString().substring(0, 6);
        try (Playwright playwright = org.hemei.e2e.Browser.playwright(); Browser browser = org.hemei.e2e.Browser.launch(playwright)) {
            // Not on the list: refused, with the rule and a way to apply.
            Page department = signIn(browser, "department");
            send(department, title, "");
            assertThat(department.locator("#refusal")).containsText("不在准入清单");
            department.locator("#apply-for-access").click();
            assertThat(department.locator("#apply-title")).hasValue(title);
            department.locator("#apply-basis").fill("电动自行车消防安全专项整治（示例）");
            // The start date comes pre-filled with the earliest date the 30-working-day rule allows.
            assertThat(department.locator("#apply-start")).not().hasValue("");
            department.locator("#apply-submit").click();
            assertThat(department.locator("#applied")).containsText(title);

            // The reviewer sees it with its review due date and lists it.
            Page admin = signIn(browser, "admin");
            admin.navigate(base() + "/duty/applications");
            Locator application = admin.locator("article", new Page.LocatorOptions().setHasText(title));
            assertThat(application).containsText("审核期限");
            application.locator("input[name=approve][value=true]").check();
            application.locator("button[type=submit]").click();
            assertThat(admin.locator("#decision")).containsText("已准入");
            String code = admin.locator("#decision").textContent().replaceAll("(?s).*(SQ-\\d+).*", "$1");

            // Sent again on the new item: delivered; the department was told of the decision.
            send(department, title, code);
            assertThat(department.locator("#task-sent")).containsText("已送达 1 个社区");
            department.navigate(base() + "/notifications");
            assertThat(department.locator(".notices")).containsText(code);

            // The community finds the task and its notice.
            Page community = signIn(browser, "community");
            community.navigate(base() + "/duty/tasks");
            assertThat(community.locator("#deliveries")).containsText(title);
            community.navigate(base() + "/notifications");
            assertThat(community.locator(".notices")).containsText(title);
        }
    }
}
