package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hemei.ApiTestSupport;
import org.hemei.casework.internal.LocalDiskPhotoStore;
import org.hemei.shared.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Photos of work orders: checked by content and size, kept once per order, shown only to those who see the order. */
class PhotoApiTest extends ApiTestSupport {

    static final String ORDERS = "/api/casework/orders";

    @Autowired
    Photos photos;

    // ---- real tiny images, made here

    static byte[] image(String format, Color color) throws Exception {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) for (int y = 0; y < 3; y++) img.setRGB(x, y, color.getRGB() + x * 7 + y);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).as(format + " writer").isTrue();
        return out.toByteArray();
    }

    /** A minimal WebP container: RIFF, size, WEBP, then a (tiny) VP8L chunk. Enough for a content check by magic bytes. */
    static byte[] webp() {
        byte[] chunk = { 'V', 'P', '8', 'L', 5, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0 };
        byte[] out = new byte[12 + chunk.length];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 4);
        int size = 4 + chunk.length;
        out[4] = (byte) size;
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, out, 8, 4);
        System.arraycopy(chunk, 0, out, 12, chunk.length);
        return out;
    }

    JsonNode upload(long order, String account, MockMultipartFile file, String purpose, int status) throws Exception {
        var request = multipart(ORDERS + "/" + order + "/photos").file(file).with(as(account));
        if (purpose != null) request = request.param("purpose", purpose);
        return send(request, status);
    }

    /** {@link #call} for multipart requests (their builder is not a MockHttpServletRequestBuilder). */
    JsonNode send(org.springframework.test.web.servlet.RequestBuilder request, int expectedStatus) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(() -> result.getRequest().getRequestURI() + " → " + body).isEqualTo(expectedStatus);
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    static MockMultipartFile file(String name, String type, byte[] bytes) {
        return new MockMultipartFile("file", name, type, bytes);
    }

    long residentOrderIn(String community) throws Exception {
        GridPoint p = insideFirstGrid(community);
        Map<String, Object> demand = Map.of("title", unique("井盖破损"), "text", "路口井盖破了一个角，晚上看不见", "lat", p.lat(),
                "lng", p.lng(), "requesterPhone", "13900001111");
        return call(json(post(ORDERS).with(as("resident")), demand), 201).path("id").asLong();
    }

    @Test
    void theRequesterAddsPhotosCheckedByContentAndTheImageComesBackAsStored() throws Exception {
        long order = residentOrderIn("430102001001");
        byte[] png = image("png", Color.ORANGE);
        JsonNode photo = upload(order, "resident", file("门口.png", "image/png", png), null, 201);
        assertThat(photo.path("contentType").asString()).isEqualTo("image/png");
        assertThat(photo.path("purpose").asString()).isEqualTo("INTAKE");
        assertThat(photo.path("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(photo.path("uploadedBy").asString()).isEqualTo("resident");

        // The type comes from the content, not from the name or the declared type.
        byte[] jpeg = image("jpg", Color.BLUE);
        assertThat(upload(order, "resident", file("wrong-name.png", "image/png", jpeg), "INTAKE", 201)
                .path("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(upload(order, "dispatcher", file("w.webp", "application/octet-stream", webp()), null, 201)
                .path("contentType").asString()).isEqualTo("image/webp");

        // The same image again is kept once: 200 with the first photo.
        JsonNode again = upload(order, "resident", file("again.png", "image/png", png), null, 200);
        assertThat(again.path("id").asLong()).isEqualTo(photo.path("id").asLong());

        JsonNode list = call(get(ORDERS + "/" + order + "/photos").with(as("resident")), 200);
        assertThat(texts(list, "contentType")).containsExactly("image/png", "image/jpeg", "image/webp");

        MvcResult image = mvc.perform(get(photo.path("url").asString()).with(as("community"))).andReturn();
        assertThat(image.getResponse().getStatus()).isEqualTo(200);
        assertThat(image.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(image.getResponse().getHeader("Cache-Control")).contains("private");
        assertThat(image.getResponse().getContentAsByteArray()).isEqualTo(png);

        JsonNode timeline = call(get(ORDERS + "/" + order).with(as("resident")), 200).path("timeline");
        assertThat(texts(timeline, "action")).containsExactly("RECEIVE", "PHOTO", "PHOTO", "PHOTO");
        assertThat(timeline.get(1).path("note").asString()).contains("INTAKE", "image/png");
    }

    @Test
    void aConfidentialOrderNeverTellsTheUnitWhoReportedIt() throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        long order = call(json(post(ORDERS).with(as("resident")), Map.of("title", unique("举报"), "text", "楼下商铺夜间违规经营",
                "lat", p.lat(), "lng", p.lng(), "confidential", true)), 201).path("id").asLong();
        upload(order, "resident", file("证据.png", "image/png", image("png", Color.RED)), null, 201);
        call(json(post(ORDERS + "/" + order + "/register").with(as("dispatcher")), Map.of("category", "SANITATION")), 200);
        call(json(post(ORDERS + "/" + order + "/dispatch").with(as("dispatcher")), Map.of()), 200);

        JsonNode seenByUnit = call(get(ORDERS + "/" + order).with(as("street")), 200);
        assertThat(texts(seenByUnit.path("timeline"), "actor")).doesNotContain("resident").contains("诉求人 / requester", "dispatcher");
        assertThat(texts(call(get(ORDERS + "/" + order + "/photos").with(as("street")), 200), "uploadedBy"))
                .containsExactly("诉求人 / requester");
        String page = mvc.perform(get("/casework/orders/" + order).session(signIn("street"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<small>诉求人</small>", "<span>诉求人</span>").doesNotContain("requester<", "居民");
        // the 12345 centre and the requester still see who it was
        assertThat(texts(call(get(ORDERS + "/" + order).with(as("dispatcher")), 200).path("timeline"), "actor")).contains("resident");
        assertThat(texts(call(get(ORDERS + "/" + order + "/photos").with(as("resident")), 200), "uploadedBy")).containsExactly("resident");
    }

    @Test
    void thePositionAndCameraInAPhotoNeverReachTheUnits() throws Exception {
        long order = residentOrderIn("430102001001");
        byte[] plain = image("jpg", Color.GREEN);
        int app0End = 4 + ((plain[4] & 0xFF) << 8 | (plain[5] & 0xFF));
        byte[] tagged = PhotoMetadataTest.concat(java.util.Arrays.copyOf(plain, app0End),
                PhotoMetadataTest.exifSegment(1, "HomePhone GPS 28.19N"), java.util.Arrays.copyOfRange(plain, app0End, plain.length));

        JsonNode photo = upload(order, "resident", file("家门口.jpg", "image/jpeg", tagged), null, 201);

        byte[] served = mvc.perform(get(photo.path("url").asString()).with(as("community"))).andReturn().getResponse().getContentAsByteArray();
        assertThat(served).isEqualTo(plain);
        assertThat(photo.path("sizeBytes").asLong()).isEqualTo(plain.length);
        // A damaged file is refused, and nothing is stored.
        byte[] png = image("png", Color.RED);
        JsonNode refused = upload(order, "resident", file("坏.png", "image/png", java.util.Arrays.copyOf(png, 40)), null, 400);
        assertThat(refused.path("message").asString()).contains("损坏", "damaged", "坏.png");
        assertThat(call(get(ORDERS + "/" + order + "/photos").with(as("resident")), 200).size()).isEqualTo(1);
    }

    @Test
    void anythingButJpegPngOrWebpIsRefusedNamingWhatCame() throws Exception {
        long order = residentOrderIn("430102001001");
        byte[] text = "这不是照片，只是改了扩展名的文本".getBytes(StandardCharsets.UTF_8);
        JsonNode refused = upload(order, "resident", file("现场.jpg", "image/jpeg", text), null, 415);
        assertApiError(refused, 415);
        assertThat(refused.path("message").asString()).contains("「现场.jpg」不是 JPEG、PNG 或 WebP 照片", "image/jpeg", "JPEG, PNG or WebP");
        // on the page, in the page's language alone
        var resident = signIn("resident");
        var posted = mvc.perform(multipart("/casework/orders/" + order + "/photos").file(file("现场.jpg", "image/jpeg", text))
                .session(resident).with(csrf())).andReturn();
        String page = mvc.perform(get("/casework/orders/" + order).session(resident).flashAttrs(posted.getFlashMap())).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("「现场.jpg」不是 JPEG、PNG 或 WebP 照片（按文件内容检查），请选择照片文件").doesNotContain("declared");
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertApiError(upload(order, "resident", file("a.gif", "image/gif", gif), null, 415), 415);
        assertApiError(upload(order, "resident", file("empty.png", "image/png", new byte[0]), null, 400), 400);
        assertApiError(send(multipart(ORDERS + "/" + order + "/photos").with(as("resident")), 400), 400); // no file
        assertApiError(upload(order, "resident", file("a.png", "image/png", image("png", Color.RED)), "SELFIE", 400), 400);
        assertThat(call(get(ORDERS + "/" + order + "/photos").with(as("resident")), 200).size()).isZero();
    }

    @Test
    void aPhotoOverTheConfiguredLimitGets413InTheApiErrorFormat() throws Exception {
        long order = residentOrderIn("430102001001");
        byte[] big = new byte[(int) photos.maxBytes() + 1];
        byte[] jpeg = image("jpg", Color.GREEN);
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);
        JsonNode refused = upload(order, "resident", file("huge.jpg", "image/jpeg", big), null, 413);
        assertApiError(refused, 413);
        assertThat(refused.path("message").asString()).contains("10.0 MB", "huge.jpg");
    }

    @Test
    void theSizeAndContentChecksWithASmallLimit() throws Exception {
        byte[] png = image("png", Color.PINK);
        Photos.Upload fits = new Photos.Upload("a.png", "image/png", png.length, new ByteArrayResource(png));
        assertThat(Photos.check(fits, png.length).contentType()).isEqualTo("image/png");
        assertThatThrownBy(() -> Photos.check(fits, png.length - 1)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.status().value()).isEqualTo(413));
        // A declared size that understates the content is caught while reading.
        Photos.Upload lying = new Photos.Upload("a.png", "image/png", 10, new ByteArrayResource(png));
        assertThatThrownBy(() -> Photos.check(lying, png.length - 1)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.status().value()).isEqualTo(413));
        assertThat(Photos.detect(image("jpg", Color.BLACK))).isEqualTo("image/jpeg");
        assertThat(Photos.detect(webp())).isEqualTo("image/webp");
        assertThat(Photos.detect(Arrays.copyOf(png, 7))).isNull(); // a PNG signature needs all 8 bytes
        assertThat(Photos.detect("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void onlyTheRequesterTheCentreAndTheLeadUnitAddPhotosAndOnlyThoseWhoSeeTheOrderGetThem() throws Exception {
        long order = residentOrderIn("430102001001");
        long elsewhere = residentOrderIn("430102001002");
        byte[] png = image("png", Color.CYAN);
        upload(elsewhere, "resident", file("a.png", "image/png", png), null, 201);
        long photoId = call(get(ORDERS + "/" + elsewhere + "/photos").with(as("resident")), 200).get(0).path("id").asLong();

        // Another community's staff and strangers are refused everything.
        assertApiError(upload(elsewhere, "community", file("b.png", "image/png", image("png", Color.GRAY)), null, 403), 403);
        assertApiError(call(get(ORDERS + "/" + elsewhere + "/photos").with(as("community")), 403), 403);
        assertApiError(call(get(ORDERS + "/" + elsewhere + "/photos/" + photoId).with(as("community")), 403), 403);
        assertApiError(call(get(ORDERS + "/" + elsewhere + "/photos/" + photoId).with(as("courier")), 403), 403);
        // A photo is reached only through its own order.
        assertApiError(call(get(ORDERS + "/" + order + "/photos/" + photoId).with(as("resident")), 404), 404);

        // Dispatched to the street office: the street adds evidence; the assisting community sees but does not add.
        call(json(post(ORDERS + "/" + order + "/register").with(as("dispatcher")), Map.of("category", "SANITATION")), 200);
        call(json(post(ORDERS + "/" + order + "/dispatch").with(as("dispatcher")), Map.of()), 200);
        JsonNode evidence = upload(order, "street", file("done.jpg", "image/jpeg", image("jpg", Color.YELLOW)), null, 201);
        assertThat(evidence.path("purpose").asString()).isEqualTo("EVIDENCE");
        assertApiError(upload(order, "street", file("x.png", "image/png", image("png", Color.MAGENTA)), "INTAKE", 403), 403);
        assertApiError(upload(order, "resident", file("y.png", "image/png", image("png", Color.WHITE)), "EVIDENCE", 403), 403);
        assertApiError(upload(order, "community", file("z.png", "image/png", image("png", Color.DARK_GRAY)), null, 403), 403);
        assertThat(call(get(ORDERS + "/" + order + "/photos").with(as("community")), 200).size()).isEqualTo(1);
        assertThat(call(get(ORDERS + "/" + order).with(as("dispatcher")), 200).path("timeline").get(3).path("unitId").asLong())
                .isEqualTo(call(get(ORDERS + "/" + order).with(as("dispatcher")), 200).path("leadUnit").path("id").asLong());
    }

    @Test
    void theGridWorkerAddsAPhotoOfTheOnSiteCheckWhileTheCheckIsDue() throws Exception {
        long order = residentOrderIn("430102001001");
        call(json(post(ORDERS + "/" + order + "/register").with(as("dispatcher")), Map.of("category", "SANITATION")), 200);
        call(json(post(ORDERS + "/" + order + "/dispatch").with(as("dispatcher")), Map.of()), 200);
        call(json(post(ORDERS + "/" + order + "/sign").with(as("street")), Map.of()), 200);
        assertApiError(upload(order, "grid", file("early.png", "image/png", image("png", Color.ORANGE)), null, 403), 403); // not yet due
        assertApiError(upload(order, "dispatcher", file("early.png", "image/png", image("png", Color.ORANGE)), "CHECK", 403), 403);
        call(json(post(ORDERS + "/" + order + "/handle").with(as("street")), Map.of("note", "已清理")), 200);
        JsonNode check = upload(order, "grid", file("check.png", "image/png", image("png", Color.PINK)), null, 201);
        assertThat(check.path("purpose").asString()).isEqualTo("CHECK");
        assertApiError(upload(order, "grid", file("e.png", "image/png", image("png", Color.BLUE)), "EVIDENCE", 403), 403);
        String page = mvc.perform(get("/casework/orders/" + order).session(signIn("grid"))).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"photo-form\"", "name=\"purpose\" value=\"CHECK\"", "<span>现场核查</span>");
    }

    @Test
    void aResidentReportsWithAPhotoAndTheOrderPageShowsItWithAnUploadForm() throws Exception {
        var resident = signIn("resident");
        String title = unique("随手拍");
        byte[] jpeg = image("jpg", Color.RED);
        MvcResult created = mvc.perform(multipart("/report").file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", jpeg))
                .param("title", title).param("text", "人行道上的树倒了").param("idempotencyKey", unique("k"))
                .session(resident).with(csrf())).andReturn();
        assertThat(created.getResponse().getRedirectedUrl()).startsWith("/casework/orders/");
        long order = Long.parseLong(created.getResponse().getRedirectedUrl().replaceAll("\\D+", ""));
        JsonNode list = call(get(ORDERS + "/" + order + "/photos").with(as("resident")), 200);
        assertThat(texts(list, "purpose")).containsExactly("INTAKE");

        String page = mvc.perform(get("/casework/orders/" + order).session(resident)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"photo-form\"", "/api/casework/orders/" + order + "/photos/" + list.get(0).path("id").asLong());

        // The page form adds a photo and comes back to the order; a bad file comes back with the reason.
        MvcResult added = mvc.perform(multipart("/casework/orders/" + order + "/photos")
                .file(new MockMultipartFile("file", "b.png", "image/png", image("png", Color.BLUE))).session(resident).with(csrf()))
                .andReturn();
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/casework/orders/" + order + "#photos");
        assertThat(added.getFlashMap().get("done")).isEqualTo("photo");
        MvcResult bad = mvc.perform(multipart("/casework/orders/" + order + "/photos")
                .file(new MockMultipartFile("file", "c.jpg", "image/jpeg", "text".getBytes(StandardCharsets.UTF_8)))
                .session(resident).with(csrf())).andReturn();
        assertThat((String) bad.getFlashMap().get("error")).contains("c.jpg");
        assertThat(call(get(ORDERS + "/" + order + "/photos").with(as("resident")), 200).size()).isEqualTo(2);

        // Without a photo the report works as before; with a bad one nothing is created.
        MvcResult plain = mvc.perform(post("/report").param("text", "没有照片的反映").param("title", unique("无照片"))
                .session(resident).with(csrf())).andReturn();
        assertThat(plain.getResponse().getRedirectedUrl()).startsWith("/casework/orders/");
        String refusedTitle = unique("坏照片");
        MvcResult refused = mvc.perform(multipart("/report").file(new MockMultipartFile("photo", "x.jpg", "image/jpeg", new byte[] { 1, 2, 3 }))
                .param("title", refusedTitle).param("text", "照片不对").session(resident).with(csrf())).andReturn();
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("x.jpg");
        assertThat(call(get(ORDERS).param("q", refusedTitle).with(as("dispatcher")), 200).path("total").asLong()).isZero();

        // Someone who may only look sees the photos but no form.
        String forCommunity = mvc.perform(get("/casework/orders/" + order).session(signIn("leader"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(forCommunity).contains("/photos/").doesNotContain("photo-form");
    }

    @Test
    void theLocalDiskStoreKeepsFilesUnderItsDirectoryOnly(@TempDir Path dir) {
        LocalDiskPhotoStore store = new LocalDiskPhotoStore(dir);
        byte[] bytes = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3 };
        String key = store.put(bytes, "image/jpeg");
        assertThat(key).matches("\\d{4}/\\d{2}/[0-9a-f-]{36}\\.jpg");
        assertThat(dir.resolve(key)).exists();
        assertThat(store.get(key)).isEqualTo(bytes);
        store.delete(key);
        assertThat(dir.resolve(key)).doesNotExist();
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
