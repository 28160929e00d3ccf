package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the pages draw and print: every map takes the configured base map and the boundaries, and the board pins its
 * orders; the measures page draws its days; an order prints without menus and forms. One browser serves every test.
 */
@WithDemoOrders
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapsChartsAndPrintJourneyTest {

    static final String TILES = WithDemoOrders.TILES;

    @LocalServerPort
    int port;

    Playwright playwright;
    com.microsoft.playwright.Browser browser;

    @BeforeAll
    void launch() {
        playwright = Browser.playwright();
        browser = Browser.launch(playwright);
    }

    @AfterAll
    void close() {
        if (playwright != null) playwright.close();
    }

    private Page at(String account, String path) {
        String base = "http://localhost:" + port;
        Page page = Browser.signIn(browser, base, account);
        page.navigate(base + path);
        return page;
    }

    @Test
    void theBoardPinsTheDemoOrdersOverBoundariesAndTheConfiguredTiles() {
        Page dispatcher = at("dispatcher", "/casework/board");
        // one marker per listed order with a place (all the demo's are pinned), drawn over the districts' outlines
        assertThat(dispatcher.locator("#board-map path.leaflet-interactive")).hasCount((int) dispatcher.locator("tr[data-lat]").count());
        assertThat(dispatcher.locator("tr[data-lat]").count()).isGreaterThanOrEqualTo(14);
        dispatcher.locator("#board-map path:not(.leaflet-interactive)").first().waitFor();
        // the pins' street and its communities are outlined beside the districts
        dispatcher.waitForFunction("() => document.querySelectorAll('#board-map path:not(.leaflet-interactive)').length >= 15");
        assertThat(dispatcher.locator("#board-map img.leaflet-tile").first().getAttribute("src")).startsWith(TILES);

        Page resident = at("resident", "/report");
        resident.locator("#report-map path").first().waitFor();
        assertThat(resident.locator("#report-map img.leaflet-tile").first().getAttribute("src")).startsWith(TILES);
    }

    @Test
    void theMeasuresPageDrawsTheDaysItLists() {
        Page leader = at("leader", "/casework/kpis");
        assertThat(leader.locator("table.kpi-days tr[data-day]").count()).isGreaterThanOrEqualTo(28); // the last 30 days by default
        leader.locator("#kpi-trend canvas").first().waitFor();
        // the chart's bars add up to the table's total received
        Object drawn = leader.evaluate("() => echarts.getInstanceByDom(document.getElementById('kpi-trend')).getOption().series[0].data"
                + ".reduce((a, b) => a + b, 0)");
        String total = leader.locator("table.kpi-days tbody tr").first().locator("td").first().textContent().strip();
        assertThat(((Number) drawn).longValue()).isEqualTo(Long.parseLong(total)).isGreaterThan(0);
    }

    @Test
    void anOrderPrintsWhatItIsAndItsTimelineWithoutMenusOrForms() {
        Page dispatcher = at("dispatcher", "/casework/board?q="
                + java.net.URLEncoder.encode("识字里社区楼道灯不亮", java.nio.charset.StandardCharsets.UTF_8));
        dispatcher.locator("table.orders tbody a").first().click();
        assertThat(dispatcher.locator("#actions")).isVisible();
        dispatcher.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(dispatcher.locator("header.top")).isHidden();
        assertThat(dispatcher.locator("#actions")).isHidden();
        assertThat(dispatcher.locator("#print-order")).isHidden();
        assertThat(dispatcher.locator("ol.timeline")).isVisible();
        assertThat(dispatcher.locator("h1")).containsText("12345-");
    }
}
