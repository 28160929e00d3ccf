package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The boards' event stream over real HTTP, as a browser's EventSource holds it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveUpdatesTest {

    @LocalServerPort
    int port;

    @Autowired
    LiveUpdates live;

    @Test
    void stoppingTheServerEndsOpenStreamsAtOnceSoItsShutdownDoesNotWaitForThem() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(browser, "dispatcher");
        int before = live.listenerCount();
        // the response's headers come with the first event, so the stream is read whole in the background
        CompletableFuture<HttpResponse<String>> stream = browser.sendAsync(HttpRequest.newBuilder(url("/casework/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 100 && live.listenerCount() == before; i++) Thread.sleep(50);
        assertThat(live.listenerCount()).as("the board's stream is open").isGreaterThan(before);
        try {
            live.stop();
            // the stream ended: without the stop it stays open for half an hour
            assertThat(stream.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(live.listenerCount()).isZero();
        } finally {
            live.start(); // the context is shared with other tests
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Through the login form with its CSRF token, as a browser does; the session cookie stays in the client. */
    private void signIn(HttpClient browser, String demoAccount) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + demoAccount + "&password=demo&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<Void> signedIn = browser.send(HttpRequest.newBuilder(url("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(signedIn.headers().firstValue("Location")).hasValue(url("/").toString());
    }
}
