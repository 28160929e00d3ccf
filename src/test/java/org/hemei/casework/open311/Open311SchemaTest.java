package org.hemei.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON answers against the specification's own JSON schemas ({@code shared/reference/open311/*.schema.json},
 * beside the project). Without that folder the tests are skipped, saying so.
 */
class Open311SchemaTest extends ApiTestSupport {

    static final Path SCHEMAS = Path.of("..", "shared", "reference", "open311");
    static final String BASE = "https://schemas.open311.test/";
    static SchemaRegistry registry;

    @BeforeAll
    static void loadSchemas() throws IOException {
        if (!Files.isRegularFile(SCHEMAS.resolve("request.schema.json"))) return;
        // The schemas refer to each other as request.json and service.json.
        Map<String, String> byIri = new HashMap<>();
        for (String name : List.of("request", "requests", "service", "services", "service-definition")) {
            byIri.put(BASE + name + ".json", Files.readString(SCHEMAS.resolve(name + ".schema.json"), StandardCharsets.UTF_8));
        }
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(byIri)
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    static Schema schema(String name) {
        Assumptions.assumeTrue(registry != null, "Open311 JSON schemas not found in " + SCHEMAS.toAbsolutePath().normalize()
                + ": schema validation skipped");
        return registry.getSchema(SchemaLocation.of(BASE + name + ".json"));
    }

    static void assertValid(String schema, JsonNode document) {
        List<Error> errors = schema(schema).validate(document);
        assertThat(errors).as(schema + " ← " + document).isEmpty();
    }

    JsonNode getJson(String path) throws Exception {
        return call(get(path), 200);
    }

    @Test
    void theSchemasCatchWrongDocuments() {
        ObjectNode bad = JSON.createObjectNode().put("service_request_id", "1").put("status", "pending").put("service_code", "X")
                .put("requested_datetime", "yesterday");
        assertThat(schema("request").validate(bad)).hasSizeGreaterThanOrEqualTo(2); // the status enum and the date-time format
        assertThat(schema("services").validate(JSON.createArrayNode().add(JSON.createObjectNode().put("service_code", "X"))))
                .isNotEmpty();
    }

    @Test
    void servicesAndDefinitionsMatchTheirSchemas() throws Exception {
        JsonNode services = getJson("/open311/v2/services.json");
        assertThat(services.size()).isGreaterThan(20);
        assertValid("services", services);
        for (JsonNode s : services) assertValid("service-definition", getJson("/open311/v2/services/" + s.path("service_code").asString() + ".json"));
    }

    @Test
    void requestsMatchTheirSchema() throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        for (String code : List.of("SANITATION", "ROAD")) {
            call(post("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("api_key", "demo-resident")
                    .param("service_code", code).param("lat", String.valueOf(p.lat())).param("long", String.valueOf(p.lng()))
                    .param("description", "schema check"), 200);
        }
        JsonNode all = getJson("/open311/v2/requests.json");
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
        assertValid("requests", all);
        String id = all.get(0).path("service_request_id").asString();
        JsonNode one = getJson("/open311/v2/requests/" + id + ".json");
        assertValid("requests", one);
        assertValid("request", one.get(0));
        assertValid("requests", getJson("/open311/v2/requests.json?status=closed"));
    }
}
