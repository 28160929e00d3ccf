package org.hemei.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.BoundingBox;
import org.hemei.territory.Grids;
import org.hemei.territory.geo.GeoJsonFeatures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The heart of Hemei in a real browser: a resident reports with a map pin, the dispatcher registers and
 * dispatches, the community signs and handles, the resident sees it handled, rates it, and it is closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseworkJourneyTest {

    @LocalServerPort
    int port;

    @Autowired
    Grids grids;

    String base() {
        return "http://localhost:" + port;
    }

    Page signIn(Browser browser, String user) {
        return org.hemei.e2e.Browser.signIn(browser, base(), user);
    }

    @Test
    void residentReportsDispatcherDispatchesCommunityHandlesResidentRates() {
        var grid = grids.within("430102001001", 1).get(0);
        var point = geometry(grid.geometry()).getInteriorPoint();
        try (Playwright playwright = org.hemei.e2e.Browser.playwright(); Browser browser = org.hemei.e2e.Browser.launch(playwright)) {
            // The dispatcher watches the board; it refreshes by itself when an order arrives (server-sent events).
            Page dispatcher = signIn(browser, "dispatcher");
            dispatcher.navigate(base() + "/casework/board");
            dispatcher.waitForTimeout(500); // the event stream connects

            // The resident reports, pinning the place on the map.
            Page resident = signIn(browser, "resident");
            resident.navigate(base() + "/report");
            resident.locator("#report-title").fill("楼道堆放杂物");
            resident.locator("#report-text").fill("3栋2单元楼道堆满杂物，存在消防隐患");
            // No location permission in this browser: the page says so and the map is there to tap.
            resident.locator("#use-location").click();
            assertThat(resident.locator("#location-error")).containsText("请在地图上点一下");
            resident.locator("#report-photo").setInputFiles(new com.microsoft.playwright.options.FilePayload("楼道.png", "image/png", png()));
            resident.locator("#report-map").scrollIntoViewIfNeeded();
            resident.evaluate("([lat, lng]) => document.getElementById('report-map')._map.setView([lat, lng], 18, {animate: false})",
                    java.util.List.of(point.getY(), point.getX()));
            BoundingBox box = resident.locator("#report-map").boundingBox();
            resident.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
            resident.locator("#report-submit").click();
            assertThat(resident.locator("#order-status")).hasText("已接收");
            String number = resident.locator("h1 > span").first().textContent().strip();
            // The photo went with the report and its thumbnail loads through the API on the page session.
            assertThat(resident.locator("#photos img")).hasCount(1);
            resident.waitForFunction("() => document.querySelector('#photos img').complete"
                    + " && document.querySelector('#photos img').naturalWidth === 8");

            // The dispatcher sees it appear without reloading, registers it and dispatches it to the suggested unit.
            dispatcher.locator("a", new Page.LocatorOptions().setHasText(number)).click(
                    new com.microsoft.playwright.Locator.ClickOptions().setTimeout(10_000));
            dispatcher.locator("#action-register select[name=category]").selectOption("COMMUNITY");
            dispatcher.locator("#action-register button[type=submit]").click();
            assertThat(dispatcher.locator("#order-status")).hasText("已登记");
            assertThat(dispatcher.locator("#action-dispatch")).containsText("识字里社区居委会");
            // Units can be picked by name: the place's street and community and the district's departments.
            assertThat(dispatcher.locator("#unit-options option[value='芙蓉区城管局']")).hasCount(1);
            assertThat(dispatcher.locator("#unit-options option[value='识字里社区居委会']")).hasCount(1);
            dispatcher.locator("#action-dispatch button[type=submit]").click();
            assertThat(dispatcher.locator("#order-status")).hasText("已派单");

            // The community finds it in its inbox, signs and handles it.
            Page community = signIn(browser, "community");
            community.navigate(base() + "/casework/inbox");
            // On a phone the inbox is a list of cards, each value beside its column's heading.
            assertThat(community.locator("table.orders thead")).isHidden();
            assertThat(community.locator("tr", new Page.LocatorOptions().setHasText(number)).locator("td").nth(3))
                    .hasAttribute("data-label", "状态");
            community.locator("a", new Page.LocatorOptions().setHasText(number)).click();
            community.locator("#action-sign button[type=submit]").click();
            assertThat(community.locator("#order-status")).hasText("已签收");
            community.locator("#action-handle textarea").fill("已联系物业清理楼道杂物。");
            community.locator("#action-handle button[data-phrase]").first().click(); // a 常用语 adds its words
            assertThat(community.locator("#action-handle textarea")).hasValue("已联系物业清理楼道杂物。已到现场处理完毕，并电话告知诉求人。");
            community.locator("#action-handle button[type=submit]").click();
            assertThat(community.locator("#order-status")).hasText("已办结");

            // The resident tracks it by number, sees it handled and rates it; it is closed.
            resident.navigate(base() + "/track");
            resident.locator("#track-number").fill(number);
            resident.locator("form.filters button").click();
            assertThat(resident.locator("#order-status")).hasText("已办结");
            assertThat(resident.locator("body")).containsText("已联系物业清理楼道杂物");
            resident.locator("#action-follow-up select[name=satisfaction]").selectOption("SATISFIED");
            resident.locator("#action-follow-up button[type=submit]").click();
            assertThat(resident.locator("#order-status")).hasText("已关闭");
            assertThat(resident.locator(".timeline")).containsText("回访");
        }
    }

    @Test
    void markingAnOrderInvalidAsksFirstAndSayingNoChangesNothing() {
        try (Playwright playwright = org.hemei.e2e.Browser.playwright(); Browser browser = org.hemei.e2e.Browser.launch(playwright)) {
            Page dispatcher = signIn(browser, "dispatcher");
            dispatcher.navigate(base() + "/casework/intake");
            dispatcher.locator("#intake-form textarea[name=text]").fill("测试来电：打错电话了");
            dispatcher.locator("#intake-form button[type=submit]").click();
            String number = dispatcher.locator("#created-number").textContent().strip();
            dispatcher.navigate(base() + "/casework/board?q=" + number);
            dispatcher.locator("a", new Page.LocatorOptions().setHasText(number)).first().click();
            assertThat(dispatcher.locator("#order-status")).hasText("已接收");

            assertThat(dispatcher.locator("#action-invalidate")).isHidden(); // folded under its name
            dispatcher.locator("details.action summary", new Page.LocatorOptions().setHasText("标记无效")).click();
            dispatcher.locator("#action-invalidate input[name=reason]").fill("非诉求：打错电话");
            java.util.List<String> asked = new java.util.ArrayList<>();
            dispatcher.onceDialog(dialog -> { asked.add(dialog.message()); dialog.dismiss(); });
            dispatcher.locator("#action-invalidate button[type=submit]").click();
            dispatcher.waitForTimeout(300);
            org.assertj.core.api.Assertions.assertThat(asked).containsExactly("标记无效后工单即终止，不再办理。确定吗？");
            assertThat(dispatcher.locator("#order-status")).hasText("已接收");

            dispatcher.onceDialog(dialog -> dialog.accept());
            dispatcher.locator("#action-invalidate button[type=submit]").click();
            assertThat(dispatcher.locator("#order-status")).hasText("无效");
        }
    }

    private static org.locationtech.jts.geom.Geometry geometry(String geoJson) {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"g\"},\"geometry\":"
                + geoJson + "}]}";
        return GeoJsonFeatures.parse(fc, null, null).features().get(0).wgs84Geometry();
    }

    static byte[] png() {
        try {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
