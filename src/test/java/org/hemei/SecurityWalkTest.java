package org.hemei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hemei.identity.PublicEndpoint;
import org.hemei.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint of the application (found at run time, so new controllers are covered without
 * touching this test): each must say who may call it, refuse anonymous callers and refuse the roles its
 * {@code @PreAuthorize} leaves out.
 */
class SecurityWalkTest extends ApiTestSupport {

    /** The demo accounts and their one role. */
    static final Map<String, Role> DEMO = new LinkedHashMap<>();
    static {
        DEMO.put("admin", Role.ADMIN);
        DEMO.put("dispatcher", Role.DISPATCHER);
        DEMO.put("street", Role.UNIT_STAFF);
        DEMO.put("community", Role.UNIT_STAFF);
        DEMO.put("department", Role.UNIT_STAFF);
        DEMO.put("grid", Role.GRID_WORKER);
        DEMO.put("leader", Role.LEADER);
        DEMO.put("party", Role.PARTY_STAFF);
        DEMO.put("resident", Role.RESIDENT);
        DEMO.put("courier", Role.COURIER);
    }

    private static final Pattern ROLE_EXPRESSION = Pattern.compile("\\s*has(Any)?Role\\(([^)]*)\\)\\s*");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    record Endpoint(HttpMethod method, String pattern, String path, HandlerMethod handler) {

        boolean api() {
            return path.startsWith("/api/") || path.startsWith("/open311/") || path.startsWith("/actuator/");
        }

        boolean isPublic() {
            return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PublicEndpoint.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicEndpoint.class);
        }

        String expression() {
            Method m = handler.getMethod();
            PreAuthorize p = AnnotatedElementUtils.findMergedAnnotation(m, PreAuthorize.class);
            if (p == null) p = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            return p == null ? null : p.value();
        }

        /** The roles the expression admits, or null when it is not a plain hasRole/hasAnyRole. */
        Set<String> allowedRoles() {
            String e = expression();
            Matcher m = e == null ? null : ROLE_EXPRESSION.matcher(e);
            if (m == null || !m.matches()) return null;
            return Arrays.stream(m.group(2).split(",")).map(s -> s.strip().replaceAll("^['\"]|['\"]$", "").replaceFirst("^ROLE_", ""))
                    .collect(Collectors.toSet());
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName() + ")";
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = e.getValue();
            if (!handler.getBeanType().getName().startsWith("org.hemei.")) continue;
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            List<HttpMethod> http = methods.isEmpty() ? List.of(HttpMethod.GET, HttpMethod.POST)
                    : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
            for (String pattern : e.getKey().getPatternValues()) {
                String path = pattern.replace("{code}", "430102001001").replace("{id}", "1").replaceAll("\\{[^}]*}", "1");
                for (HttpMethod m : http) out.add(new Endpoint(m, pattern, path, handler));
            }
        }
        assertThat(out).as("endpoints found").hasSizeGreaterThan(20);
        return out;
    }

    private static MockHttpServletRequestBuilder requestFor(Endpoint e) {
        MockHttpServletRequestBuilder r = request(e.method(), e.path());
        if (e.method() == HttpMethod.POST || e.method() == HttpMethod.PUT || e.method() == HttpMethod.PATCH) {
            // A body that binds (primitives present), so any refusal is about security, not about the input.
            r = r.contentType(MediaType.APPLICATION_JSON).content(bodyFor(e.handler()));
        }
        return r;
    }

    private static String bodyFor(HandlerMethod handler) {
        for (MethodParameter p : handler.getMethodParameters()) {
            Class<?> type = p.getParameterType();
            if (p.hasParameterAnnotation(RequestBody.class) && type.isRecord()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (RecordComponent c : type.getRecordComponents()) {
                    Class<?> t = c.getType();
                    fields.put(c.getName(), t == boolean.class ? Boolean.FALSE : t.isPrimitive() ? (Object) 0 : null);
                }
                return JSON.writeValueAsString(fields);
            }
        }
        return "{}";
    }

    private static boolean writes(Endpoint e) {
        return e.method() != HttpMethod.GET && e.method() != HttpMethod.HEAD && e.method() != HttpMethod.OPTIONS;
    }

    private final Map<String, MockHttpSession> sessions = new HashMap<>();

    /** A page session for a demo account, signed in through the form as a person would. */
    private MockHttpSession session(String account) throws Exception {
        MockHttpSession s = sessions.get(account);
        if (s == null) {
            MvcResult r = mvc.perform(post("/login").param("username", account).param("password", "demo").with(csrf())).andReturn();
            assertThat(r.getResponse().getRedirectedUrl()).as("form sign-in of " + account).isEqualTo("/");
            s = (MockHttpSession) r.getRequest().getSession(false);
            sessions.put(account, s);
        }
        return s;
    }

    @Test
    void everyEndpointSaysWhoMayCallIt() {
        List<String> unguarded = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            boolean guarded = AnnotatedElementUtils.hasAnnotation(e.handler().getMethod(), PreAuthorize.class)
                    || AnnotatedElementUtils.hasAnnotation(e.handler().getBeanType(), PreAuthorize.class);
            if (!guarded && !e.isPublic()) unguarded.add(e.toString());
            if (guarded && e.isPublic()) unguarded.add(e + " is both @PublicEndpoint and @PreAuthorize");
        }
        assertThat(unguarded).as("endpoints without @PreAuthorize (@AdminOnly/@Staff/@SignedIn) or @PublicEndpoint").isEmpty();
    }

    @Test
    void anonymousCallersAreSentToSignIn() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            MockHttpServletRequestBuilder r = requestFor(e);
            if (!e.api() && writes(e)) r = r.with(csrf()); // a page form always carries its token
            MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
            if (e.isPublic()) {
                // A public endpoint may refuse by itself (Open311 posting without api_key: a 403 in Open311's own
                // error list); the security chain must not.
                boolean ownRefusal = res.getStatus() == 403 && e.path().startsWith("/open311/")
                        && (res.getContentAsString().startsWith("[{\"code\":403") || res.getContentAsString().contains("<errors><error><code>403<"));
                if (res.getStatus() == 401 || res.getStatus() == 403 && !ownRefusal
                        || res.getStatus() == 302 && String.valueOf(res.getRedirectedUrl()).endsWith("/login")) {
                    wrong.add(e + " is public but answered " + res.getStatus());
                }
            } else if (e.api()) {
                if (res.getStatus() != 401 || !res.getContentAsString().contains("\"status\":401")) {
                    wrong.add(e + " → " + res.getStatus() + " " + res.getContentAsString() + " (expected 401 JSON)");
                }
            } else if (res.getStatus() != 302 || !String.valueOf(res.getRedirectedUrl()).endsWith("/login")) {
                wrong.add(e + " → " + res.getStatus() + " " + res.getRedirectedUrl() + " (expected redirect to /login)");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void rolesLeftOutOfPreAuthorizeAreRefused() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : endpoints()) {
            Set<String> allowed = e.allowedRoles();
            if (allowed == null) continue; // public, isAuthenticated() or not a plain role list: no wrong role
            for (Map.Entry<String, Role> account : DEMO.entrySet()) {
                if (allowed.contains(account.getValue().name())) continue;
                MockHttpServletRequestBuilder r = requestFor(e);
                if (e.api()) {
                    r = r.with(as(account.getKey()));
                } else {
                    r = r.session(session(account.getKey()));
                    if (writes(e)) r = r.with(csrf());
                }
                MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
                checked++;
                if (res.getStatus() != 403) {
                    wrong.add(e + " as " + account.getKey() + " → " + res.getStatus() + " " + res.getContentAsString()
                            .substring(0, Math.min(200, res.getContentAsString().length())));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void everyDemoAccountOpensTheHomePage() throws Exception {
        List<String> failed = new ArrayList<>();
        for (String account : DEMO.keySet()) {
            try {
                int status = mvc.perform(get("/").session(session(account))).andReturn().getResponse().getStatus();
                if (status != 200) failed.add(account + " → " + status);
            } catch (Exception e) { // a template error surfaces as an exception in MockMvc
                Throwable root = e;
                while (root.getCause() != null) root = root.getCause();
                failed.add(account + " → " + root.getMessage());
            }
        }
        assertThat(failed).as("home page per demo account").isEmpty();
    }

    @Test
    void staffOutsideTheirScopeAreRefused() throws Exception {
        assertApiError(call(get("/api/territory/communities/430102001002/profile").with(as("community")), 403), 403);
        assertApiError(call(get("/api/territory/divisions/430103/rollup").with(as("street")), 403), 403);
        assertApiError(call(get("/api/territory/divisions/430102001/grids").with(as("resident")), 403), 403);
    }
}
