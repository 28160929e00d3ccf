package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.hemei.ApiTestSupport;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** The gate and the street's say from pages: forms post with CSRF only, refusals show their rule, lists show who waits. */
class DutyPagesTest extends ApiTestSupport {

    static final String SHIZILI = CommunityTaskGateTest.SHIZILI;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CommunityTasks tasks;

    @Autowired
    Units units;

    long tasksTitled(String title) {
        return jdbc.sql("select count(*) from duty_task where title = ?").params(title).query(Long.class).single();
    }

    @Test
    void aDepartmentSendsIsRefusedAppliesIsListedAndSendsAgain() throws Exception {
        MockHttpSession department = signIn("department");
        mvc.perform(get("/duty/tasks").session(department)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("send-task"), containsString("识字里"), containsString("ZR-A06"))));
        String title = unique("协助排查群租房");
        String due = LocalDate.now().plusDays(10).toString();

        // Without the CSRF token nothing happens.
        mvc.perform(post("/duty/tasks").session(department).param("title", title).param("communityCodes", SHIZILI)
                .param("dueDate", due)).andExpect(status().isForbidden());
        assertThat(tasksTitled(title)).isZero();

        MvcResult refused = mvc.perform(post("/duty/tasks").session(department).with(csrf()).param("title", title)
                .param("accessItemCode", "").param("communityCodes", SHIZILI).param("dueDate", due))
                .andExpect(redirectedUrl("/duty/tasks")).andReturn();
        assertThat(((CommunityTasks.Refusal) refused.getFlashMap().get("refusal")).rule()).isEqualTo("NOT_LISTED");
        mvc.perform(get("/duty/tasks").session(department).flashAttrs(refused.getFlashMap())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("不在准入清单"), containsString("apply-for-access"),
                        containsString("/duty/applications?title="))));
        // The application form comes pre-filled with the refused task.
        mvc.perform(get("/duty/applications").param("title", title).session(department)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + title + "\"")));

        // A bad date is told on the page, nothing written.
        MvcResult badDate = mvc.perform(post("/duty/tasks").session(department).with(csrf()).param("title", title + "x")
                .param("communityCodes", SHIZILI).param("dueDate", "明天")).andExpect(redirectedUrl("/duty/tasks")).andReturn();
        assertThat((String) badDate.getFlashMap().get("error")).contains("yyyy-mm-dd");
        assertThat(tasksTitled(title + "x")).isZero();
        // ...and the form comes back as it was typed, to fix the date alone.
        mvc.perform(get("/duty/tasks").session(department).flashAttrs(badDate.getFlashMap()))
                .andExpect(content().string(allOf(containsString("value=\"" + title + "x\""), containsString("value=\"明天\""),
                        containsString("<option value=\"" + SHIZILI + "\" selected=\"selected\">"))));

        // An application starting too soon is refused with its basis kept.
        MvcResult tooSoon = mvc.perform(post("/duty/applications").session(department).with(csrf()).param("title", title)
                .param("basis", "群租房整治依据（示例）").param("startDate", LocalDate.now().toString())).andReturn();
        assertThat((String) tooSoon.getFlashMap().get("error")).isNotBlank();
        mvc.perform(get("/duty/applications").param("title", title).session(department).flashAttrs(tooSoon.getFlashMap()))
                .andExpect(content().string(allOf(containsString("群租房整治依据（示例）</textarea>"),
                        containsString("value=\"" + LocalDate.now() + "\""))));

        MvcResult applied = mvc.perform(post("/duty/applications").session(department).with(csrf()).param("title", title)
                .param("basis", "群租房安全隐患专项整治（示例）").param("startDate", tasks.earliestApplicationStart().toString()))
                .andExpect(redirectedUrl("/duty/applications")).andReturn();
        long id = ((AccessApplications.ApplicationView) applied.getFlashMap().get("applied")).id();

        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/duty/applications").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(title), containsString("application-" + id), containsString("审核期限"))));
        mvc.perform(post("/duty/applications/" + id + "/decision").session(admin).param("approve", "true")).andExpect(status().isForbidden());
        mvc.perform(post("/duty/applications/" + id + "/decision").session(department).with(csrf()).param("approve", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/duty/applications/" + id + "/decision").session(admin).with(csrf()).param("approve", "true"))
                .andExpect(redirectedUrl("/duty/applications"));

        MvcResult sent = mvc.perform(post("/duty/tasks").session(department).with(csrf()).param("title", title)
                .param("accessItemCode", "SQ-" + id).param("communityCodes", SHIZILI).param("dueDate", due))
                .andExpect(redirectedUrl("/duty/tasks")).andReturn();
        assertThat(((CommunityTasks.TaskView) sent.getFlashMap().get("sent")).outcome()).isEqualTo("DELIVERED");

        // The reviewer revokes the listing from the page (CSRF and administrators only); the next task is refused again.
        mvc.perform(get("/duty/applications").session(admin)).andExpect(content().string(containsString("/duty/applications/" + id + "/revoke")));
        mvc.perform(post("/duty/applications/" + id + "/revoke").session(admin).param("reason", "试点结束")).andExpect(status().isForbidden());
        mvc.perform(post("/duty/applications/" + id + "/revoke").session(department).with(csrf()).param("reason", "试点结束"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/duty/applications/" + id + "/revoke").session(admin).with(csrf()).param("reason", "试点结束"))
                .andExpect(redirectedUrl("/duty/applications"));
        MvcResult again = mvc.perform(post("/duty/tasks").session(department).with(csrf()).param("title", title)
                .param("accessItemCode", "SQ-" + id).param("communityCodes", SHIZILI).param("dueDate", due))
                .andExpect(redirectedUrl("/duty/tasks")).andReturn();
        assertThat(again.getFlashMap().get("sent")).isNull();
        assertThat(again.getFlashMap().get("refusal")).isNotNull();
    }

    @Test
    void aCommunitySeesItsTasksAndFlagsOneWithCsrfOnly() throws Exception {
        String title = unique("垃圾分类宣传督导");
        MockHttpSession department = signIn("department");
        mvc.perform(post("/duty/tasks").session(department).with(csrf()).param("title", title).param("accessItemCode", "ZR-A06")
                .param("communityCodes", SHIZILI).param("dueDate", LocalDate.now().plusDays(5).toString()))
                .andExpect(redirectedUrl("/duty/tasks"));
        long delivery = jdbc.sql("""
                select c.id from community_task c join duty_task t on t.id = c.duty_task_id where t.title = ?""")
                .params(title).query(Long.class).single();

        MockHttpSession community = signIn("community");
        mvc.perform(get("/duty/tasks").session(community)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(title), containsString("/duty/tasks/" + delivery + "/flag"))));
        // The list pages: the newest delivery is on the first page, not on the next.
        mvc.perform(get("/duty/tasks").param("page", "1").session(community)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(title))));
        mvc.perform(post("/duty/tasks/" + delivery + "/flag").session(community).param("reason", "不属于社区职责"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/duty/tasks/" + delivery + "/flag").session(community).with(csrf()).param("reason", "不属于社区职责"))
                .andExpect(redirectedUrl("/duty/tasks"));
        assertThat(jdbc.sql("select flag_reason from community_task where id = ?").params(delivery).query(String.class).single())
                .isEqualTo("不属于社区职责");
        // Applications are the departments' business: a community finds an empty page, not an error.
        mvc.perform(get("/duty/applications").session(community)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("apply-form"))));
        // The community's notice of the delivery is in its inbox page.
        mvc.perform(get("/notifications").session(community)).andExpect(content().string(containsString(title)));
    }

    @Test
    void theStreetsSayFromPages() throws Exception {
        long company = units.create(new Units.UnitForm(unique("页面测试物业"), UnitKind.PROPERTY_COMPANY, null, SHIZILI, null, null,
                true, null)).getId();
        String name = units.get(company).getName();
        MockHttpSession department = signIn("department");
        mvc.perform(get("/duty/evaluations").session(department)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("evaluation-form"), containsString(name))));
        mvc.perform(post("/duty/evaluations").session(department).param("companyUnitId", "" + company).param("period", "2026年")
                .param("score", "80").param("findings", "x")).andExpect(status().isForbidden());
        MvcResult bad = mvc.perform(post("/duty/evaluations").session(department).with(csrf()).param("companyUnitId", "" + company)
                .param("period", "2026年").param("score", "八十").param("findings", "保洁一般")).andExpect(redirectedUrl("/duty/evaluations")).andReturn();
        assertThat((String) bad.getFlashMap().get("error")).contains("score");
        mvc.perform(get("/duty/evaluations").session(department).flashAttrs(bad.getFlashMap()))
                .andExpect(content().string(allOf(containsString("value=\"八十\""), containsString("保洁一般</textarea>"),
                        containsString("<option value=\"" + company + "\" selected=\"selected\">"))));

        String location = mvc.perform(post("/duty/evaluations").session(department).with(csrf()).param("companyUnitId", "" + company)
                .param("period", "2026年").param("score", "80").param("grade", "GOOD").param("findings", "保洁一般"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/duty/evaluations/");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        MvcResult early = mvc.perform(post(location + "/finalize").session(department).with(csrf()).param("version", "0"))
                .andExpect(redirectedUrl(location)).andReturn();
        assertThat((String) early.getFlashMap().get("error")).contains("街道党工委意见");
        mvc.perform(post(location + "/submit").session(department).with(csrf()).param("version", "0")).andExpect(redirectedUrl(location));
        // no finalize button while the street's opinion is awaited: it could only be refused
        mvc.perform(get(location).session(department)).andExpect(content().string(not(containsString("id=\"finalize-form\""))));

        MockHttpSession party = signIn("party");
        mvc.perform(get("/duty/evaluations").param("awaiting", "true").session(party)).andExpect(status().isOk())
                .andExpect(content().string(containsString(name)));
        mvc.perform(get(location).session(party)).andExpect(content().string(containsString("opinion-form")));
        MvcResult noText = mvc.perform(post(location + "/opinion").session(party).with(csrf()).param("opinion", "DISAGREE")
                .param("text", " ").param("version", "1")).andExpect(redirectedUrl(location)).andReturn();
        assertThat((String) noText.getFlashMap().get("error")).isNotBlank();
        mvc.perform(get(location).session(party).flashAttrs(noText.getFlashMap()))
                .andExpect(content().string(containsString("value=\"DISAGREE\" checked=\"checked\"")));
        mvc.perform(post(location + "/opinion").session(party).param("opinion", "AGREE").param("text", "同意").param("version", "1"))
                .andExpect(status().isForbidden());
        mvc.perform(post(location + "/opinion").session(party).with(csrf()).param("opinion", "AGREE").param("text", "同意部门评价")
                .param("version", "1")).andExpect(redirectedUrl(location));
        mvc.perform(get(location).session(department)).andExpect(content().string(containsString("id=\"finalize-form\"")));
        mvc.perform(post(location + "/finalize").session(department).with(csrf()).param("version", "2")).andExpect(redirectedUrl(location));
        assertThat(jdbc.sql("select status from property_evaluation where id = ?").params(id).query(String.class).single())
                .isEqualTo("FINALIZED");
        mvc.perform(get(location).param("lang", "en").session(department)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Final"), containsString("Agree"))));
    }
}
