package org.hemei.identity.internal;

import org.hemei.identity.AccountAdministration;
import org.hemei.identity.ApiKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Deny by default. Two chains: JSON endpoints ({@code /api}, {@code /open311}, {@code /actuator}) answer
 * 401/403 as JSON and accept API keys or the page session; pages use form sign-in with CSRF. Every
 * controller method additionally names its roles ({@code @AdminOnly}, {@code @Staff}, {@code @SignedIn}),
 * which the security walk test checks.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    static final String[] PUBLIC_PAGES = { "/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
            "/error", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**" };

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, cost 10
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AccountAdministration accounts, JsonErrors errors) throws Exception {
        http.securityMatcher("/api/**", "/open311/**", "/actuator/**")
                .addFilterBefore(new ApiKeyFilter(accounts, errors), BasicAuthenticationFilter.class)
                .addFilterAfter(new SessionRecheckFilter(accounts), SecurityContextHolderFilter.class)
                // Without a session cookie there is nothing to forge (bearer keys, anonymous calls get their 401);
                // browser calls riding on the page session still need the token.
                .csrf(c -> c.ignoringRequestMatchers(r -> ApiKeys.isBearer(r) || r.getRequestedSessionId() == null)
                        // Open311 posts authenticate with their api_key parameter, never with the session.
                        .ignoringRequestMatchers("/open311/v2/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Open311 GeoReport v2 is a public read API; posting checks its own api_key (403 in Open311 form).
                        .requestMatchers(HttpMethod.GET, "/open311/v2/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/open311/v2/requests.json", "/open311/v2/requests.xml").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> errors.write(res, 401,
                                "请先登录或提供 API 密钥（Authorization: Bearer …）/ sign in or send an API key (Authorization: Bearer …)"))
                        .accessDeniedHandler((req, res, ex) -> errors.write(res, 403, "无权执行此操作 / you are not allowed to do this")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AccountAdministration accounts) throws Exception {
        http.addFilterAfter(new SessionRecheckFilter(accounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_PAGES).permitAll().anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").permitAll()
                        .failureHandler((req, res, ex) -> res.sendRedirect(req.getContextPath()
                                + (ex instanceof LockedException ? "/login?locked" : "/login?error"))))
                .logout(l -> l.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
