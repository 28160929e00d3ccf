package org.hemei.shell;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description at /swagger-ui.html: every call takes an API key as a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI hemeiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("和美 Hemei API").version("1")
                        .description("长沙 党建聚力·和美星城. Errors: {\"status\",\"error\",\"message\"}. "
                                + "Authenticate with Authorization: Bearer <API key> (demo: demo-admin, demo-dispatcher, …)."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
