package org.hemei.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A served application with the demo's work orders, in a database of its own, and a base map configured on a closed
 * port (the tiles fail to load, but the maps ask for them). Every class that bears it shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "hemei.map.tile-url=" + WithDemoOrders.TILES + "{z}/{x}/{y}.png", "hemei.demo.orders=true",
        "spring.datasource.url=jdbc:h2:mem:demo-orders;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@interface WithDemoOrders {

    String TILES = "http://127.0.0.1:9/tiles/";
}
