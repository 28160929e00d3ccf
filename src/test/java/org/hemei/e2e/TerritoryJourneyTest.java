package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A street staff member signs in, opens the territory browser, finds a community and locates a point on the map. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TerritoryJourneyTest {

    @LocalServerPort
    int port;

    @Test
    void signInFindCommunityAndLocatePointOnMap() {
        try (Playwright playwright = Browser.playwright(); var browser = Browser.launch(playwright)) {
            Page page = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(390, 844)).newPage(); // a phone-sized screen
            String base = "http://localhost:" + port;

            page.navigate(base + "/territory");
            page.locator("#username").fill("street");
            page.locator("#password").fill("demo");
            page.locator("button[type=submit]").click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/territory(\\?continue)?$"));
            assertThat(page.locator("h2")).containsText("文艺路街道");

            page.locator("#division-search").fill("识字里");
            page.locator("#hits a", new Page.LocatorOptions().setHasText("识字里社区")).click();
            assertThat(page.locator("h2")).containsText("识字里社区居委会");
            assertThat(page.locator(".figures")).containsText("每万人社区工作者");

            // The map fits the community's grids; its centre lies inside one of them.
            page.locator("#map path.leaflet-interactive").first().waitFor();
            page.locator("#map").scrollIntoViewIfNeeded();
            BoundingBox box = page.locator("#map").boundingBox();
            page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
            assertThat(page.locator("#located .located-community")).containsText("识字里社区");
            assertThat(page.locator("#located .located-street")).containsText("文艺路街道");
            assertThat(page.locator("#located .located-grid")).containsText("430102001001");
        }
    }
}
