package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/** The pages: owners, the list in force with its history, upload with CSRF (problems shown), download. */
class StreetListPagesTest extends StreetListTestSupport {

    @Test
    void aStreetOfficialSeesUploadsAndDownloads() throws Exception {
        MockHttpSession session = signIn("street");
        String duty = page(session, "/duty").getContentAsString(StandardCharsets.UTF_8);
        assertThat(duty).contains("/duty/street-lists");
        String owners = page(session, "/duty/street-lists").getContentAsString(StandardCharsets.UTF_8);
        assertThat(owners).contains("街道履职事项清单", "市级模板", "文艺路街道");
        String list = page(session, "/duty/street-lists/430102001").getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("版本历史", "WY-01", "主责", "配合", "生态环境", "name=\"_csrf\"", "effectiveFrom", "/export")
                .contains("<td>噪声扰民</td>", "<td>政策咨询</td>").doesNotContain("<td>CONSULT", "<td>NOISE");

        byte[] bad = xlsx(new String[] { "W-1", "供水核实", "《城市供水条例》", "配合", "宇宙局", "WATER" });
        MockHttpServletResponse refused = mvc.perform(multipart("/duty/street-lists/430102001").file(file(bad))
                .param("effectiveFrom", today().plusYears(120).toString()).session(session).with(csrf())).andReturn().getResponse();
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("street-list-problems", "宇宙局", "相关部门 Departments");
        assertThat(mvc.perform(multipart("/duty/street-lists/430102001").file(file(bad)).param("effectiveFrom", today().toString())
                .session(session)).andReturn().getResponse().getStatus()).isEqualTo(403); // no CSRF token

        byte[] good = xlsx(new String[] { "W-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" });
        MockHttpServletResponse done = mvc.perform(multipart("/duty/street-lists/430102001").file(file(good))
                .param("effectiveFrom", today().plusYears(120).plusDays((int) (Math.random() * 3000)).toString()).session(session)
                .with(csrf())).andReturn().getResponse();
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).contains("/duty/street-lists/430102001?version=");
        String version = page(session, done.getRedirectedUrl()).getContentAsString(StandardCharsets.UTF_8);
        assertThat(version).contains("W-1", "已导入新版本");

        MockHttpServletResponse download = page(session, "/api/duty/street-lists/versions/"
                + done.getRedirectedUrl().replaceAll(".*version=", "") + "/export");
        assertThat(cells(download.getContentAsByteArray()).get(1)).containsExactly("W-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER");

        // Not in force yet: the street may withdraw it from the history.
        String id = done.getRedirectedUrl().replaceAll(".*version=", "");
        // The history tells when it was imported in China time, as the people who imported it read their clocks.
        String importedAt = JSON.readTree(page(session, "/api/duty/street-lists/versions/" + id).getContentAsString(StandardCharsets.UTF_8))
                .path("importedAt").asString();
        assertThat(version).contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(java.time.OffsetDateTime.parse(importedAt).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))));
        assertThat(version).contains("/duty/street-lists/versions/" + id + "/withdraw");
        MockHttpServletResponse withdrawn = mvc.perform(post("/duty/street-lists/versions/" + id + "/withdraw").session(session)
                .with(csrf())).andReturn().getResponse();
        assertThat(withdrawn.getRedirectedUrl()).isEqualTo("/duty/street-lists/430102001");
        assertThat(page(session, "/api/duty/street-lists/versions/" + id).getStatus()).isEqualTo(404);
    }

    @Test
    void departmentStaffReadTheTemplateInEnglishWithoutAnUploadForm() throws Exception {
        MockHttpSession session = signIn("department");
        String template = mvc.perform(get("/duty/street-lists/template").param("lang", "en").session(session)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(template).contains("Street duty lists", "Illustrative", "JD-01").doesNotContain("street-list-upload");
        assertThat(page(session, "/duty/street-lists/430102001").getStatus()).isEqualTo(403);
        assertThat(page(session, "/duty/street-lists/template?on=2000-01-01").getContentAsString(StandardCharsets.UTF_8))
                .contains("该日没有施行的清单");
    }

    private MockHttpServletResponse page(MockHttpSession session, String url) throws Exception {
        return mvc.perform(get(url).session(session)).andReturn().getResponse();
    }

    private static MockMultipartFile file(byte[] bytes) {
        return new MockMultipartFile("file", "list.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
    }
}
