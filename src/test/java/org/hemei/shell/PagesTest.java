package org.hemei.shell;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Every page renders for the people it is meant for, in Chinese by default and in English on request. */
class PagesTest extends org.hemei.ApiTestSupport {

    @Autowired
    org.hemei.casework.Calendars calendars;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void adminSeesEveryPageOfTheShell() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("系统管理员"), containsString("账号管理"), containsString("审计日志"))));
        // While next year's holiday arrangement is missing (2027's is not in the data), the admin is told.
        if (!calendars.current().knows(java.time.LocalDate.now().getYear() + 1)) {
            mvc.perform(get("/").session(admin)).andExpect(content().string(containsString("节假日安排")));
        }
        mvc.perform(get("/territory").param("code", "430102").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("芙蓉区"), containsString("文艺路街道"), containsString("每万人社区工作者"))));
        mvc.perform(get("/territory/search").param("q", "识字里").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("识字里社区居委会")));
        mvc.perform(get("/units").param("q", "城管").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("长沙市城管局")));
        mvc.perform(get("/units/new").session(admin)).andExpect(status().isOk());
        mvc.perform(get("/party-orgs").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("中共长沙市委员会")));
        mvc.perform(get("/party-orgs/new").session(admin)).andExpect(status().isOk());
        mvc.perform(get("/party-members").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("138****")));
        mvc.perform(get("/party-members/new").session(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/accounts").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("dispatcher"), containsString(">文艺路街道</span>"),
                        containsString(">长沙市城管局</span>"), not(containsString(">DIVISION:")), not(containsString(">UNIT:")))));
        mvc.perform(get("/admin/accounts").param("q", "grid").session(admin)) // a grid worker's grid by its name too
                .andExpect(content().string(allOf(containsString("title=\"DIVISION:430102001001001\">识字里"), not(containsString(">430102001001001<")))));
        mvc.perform(get("/admin/accounts/new").session(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/audit").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("title=\"SIGN_IN\">登录</td>"), not(containsString(">SIGN_IN<")))));
    }

    @Test
    void englishOnRequest() throws Exception {
        mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Sign in"), containsString("Username"))));
        mvc.perform(get("/login")).andExpect(content().string(containsString("用户名")));
    }

    @Test
    void departmentTypesAndGenderAreWordsOfThePagesLanguage() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/units").param("q", "城管局").session(admin)).andExpect(content().string(containsString(" · 城管")));
        mvc.perform(get("/units").param("q", "城管局").param("lang", "en").session(admin))
                .andExpect(content().string(allOf(containsString(" · Urban management"), not(containsString(" · 城管")))));
        mvc.perform(get("/party-members").param("lang", "en").session(admin))
                .andExpect(content().string(allOf(containsString("<td>Male</td>"), not(containsString("<td>男</td>")))));
    }

    @Test
    void theAddressARefusedSaveLeavesOpensTheForm() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/units/1").session(admin)).andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/units/1/edit"));
        mvc.perform(get("/party-orgs/1").session(admin))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/party-orgs/1/edit"));
        mvc.perform(get("/party-members/1").session(signIn("resident"))).andExpect(status().isForbidden());
    }

    @Test
    void partyStaffArriveAtTheHeadOfTheirOwnTerritoryAndMayStillClimbToTheTop() throws Exception {
        MockHttpSession party = signIn("party");
        String to = mvc.perform(get("/party-orgs").session(party)).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl();
        long head = Long.parseLong(to.substring(to.indexOf("parent=") + 7));
        String name = jdbc.sql("select name from party_organization where id = ?").param(head).query(String.class).single();
        org.assertj.core.api.Assertions.assertThat(name).contains("文艺路街道");
        mvc.perform(get(to).session(party)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(name + " ›"), containsString("href=\"/party-orgs/new?parent=" + head + "\""))));
        mvc.perform(get("/party-orgs").param("roots", "true").session(party)).andExpect(status().isOk())
                .andExpect(content().string(containsString("中共长沙市委员会")));
    }

    @Test
    void partyStaffCreatingUnderAHigherCommitteeGetTheirOwnTerritoryAndAReasonNotABare403() throws Exception {
        MockHttpSession party = signIn("party");
        mvc.perform(get("/party-orgs").param("parent", "1").session(party)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("href=\"/party-orgs/new"))));
        mvc.perform(get("/party-orgs/new").param("parent", "1").session(party)).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"文艺路街道\"")));
        mvc.perform(post("/party-orgs").session(party).with(csrf()).param("name", "测试支部（页面）").param("kind", "BRANCH")
                .param("category", "TERRITORIAL").param("parentId", "1").param("divisionCode", "430100")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("不在您的辖区内"), containsString("value=\"测试支部（页面）\""))));
        mvc.perform(post("/party-orgs").session(party).with(csrf()).param("name", "测试支部（页面）").param("kind", "BRANCH")
                .param("category", "TERRITORIAL").param("parentId", "1").param("divisionCode", "430102001")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("上级党组织须在您的辖区内"), containsString("value=\"测试支部（页面）\""))));
    }

    @Test
    void theHomePageCountsWhatWaitsForEachPersonAndLeadsToTheList() throws Exception {
        String centre = mvc.perform(get("/").session(signIn("dispatcher"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(centre).contains("id=\"workload\"", "href=\"/casework/board?status=RECEIVED\"",
                "href=\"/casework/board?awaiting=true\"", "href=\"/casework/board?overdue=true\"", "待登记");
        // a count is the length of the list it leads to
        MockHttpSession street = signIn("street");
        String home = mvc.perform(get("/").session(street)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        java.util.regex.Matcher sign = java.util.regex.Pattern.compile("href=\"/casework/inbox\\?tab=sign\"[^>]*>\\s*<strong>(\\d+)</strong>")
                .matcher(home);
        org.assertj.core.api.Assertions.assertThat(sign.find()).isTrue();
        String inbox = mvc.perform(get("/casework/inbox").param("tab", "sign").session(street)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(inbox).contains("共 " + sign.group(1) + " 条", // and the tab says so too
                "<span>待签收</span><span class=\"count\">" + sign.group(1) + "</span>");
        org.assertj.core.api.Assertions.assertThat(inbox).contains("<span>已办结</span></a>"); // what is done is not counted
        org.assertj.core.api.Assertions.assertThat(home).doesNotContain("tab=verify", "/casework/board?");
        String grid = mvc.perform(get("/").session(signIn("grid"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(grid).contains("href=\"/casework/inbox?tab=verify\"", "待核查").doesNotContain("tab=sign");
        String resident = mvc.perform(get("/").session(signIn("resident"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(resident).contains("href=\"/track?rate=true\"").doesNotContain("/casework/");
    }

    @Test
    void theHomePageGreetsInThePagesLanguageAndPromisesOnlyWhatTheRoleDoes() throws Exception {
        mvc.perform(get("/").param("lang", "en").session(signIn("leader"))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Welcome, 市领导（示例）"), containsString("Follow an order by its number<"),
                        not(containsString("and rate it")))));
        mvc.perform(get("/").session(signIn("grid"))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("欢迎，识字里第1网格网格员（示例）"), containsString("待核查、本网格的工单"),
                        not(containsString("待签收、办理中")))));
        mvc.perform(get("/").session(signIn("resident"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("按编号查询办理进度并评价")));
    }

    @Test
    void aNewAccountAssumesNoRoleAStaffOneNeedsATerritoryAndSavingSaysSo() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/admin/accounts/new").session(admin)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("value=\"RESIDENT\""), not(containsString("value=\"RESIDENT\" checked")))));
        String name = "pg" + System.nanoTime() % 1_000_000_000L;
        mvc.perform(post("/admin/accounts").session(admin).with(csrf()).param("username", name).param("displayName", "新同事")
                .param("password", "demo1234").param("roles", "UNIT_STAFF").param("divisions", "").param("units", "")
                .param("enabled", "true")).andExpect(status().isOk())
                .andExpect(content().string(containsString("工作人员须填写辖区或所属单位")));
        MvcResult saved = mvc.perform(post("/admin/accounts").session(admin).with(csrf()).param("username", name)
                .param("displayName", "新同事").param("password", "demo1234").param("roles", "UNIT_STAFF")
                .param("divisions", "430102001").param("units", "").param("enabled", "true"))
                .andExpect(redirectedUrl("/admin/accounts?q=" + name)).andReturn();
        mvc.perform(get("/admin/accounts").param("q", name).session(admin).flashAttrs(saved.getFlashMap()))
                .andExpect(content().string(allOf(containsString("id=\"account-saved\""), containsString("新同事"))));
    }

    @Test
    void aGridWorkersMapOpensAtTheirGridsCommunity() throws Exception {
        mvc.perform(get("/territory").session(signIn("grid"))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("识字里社区"), containsString("430102001001"), containsString("社区概况"),
                        not(containsString("不在您的辖区内")), not(containsString("name=\"residentPopulation\"")))));
        mvc.perform(get("/territory").param("code", "430102001002").session(signIn("grid"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("不在您的辖区内")));
    }

    @Test
    void aLinkToSomethingThatDoesNotExistGetsA404PageSayingSoNotA500() throws Exception {
        MockHttpSession resident = signIn("resident");
        mvc.perform(get("/casework/orders/999999").session(resident)).andExpect(status().isNotFound())
                .andExpect(content().string(allOf(containsString("工单不存在"), containsString("999999"))));
        MockHttpSession admin = signIn("admin");
        for (String page : new String[] { "/territory?code=999999", "/duty/evaluations/999999", "/duty/street-lists/999999" }) {
            mvc.perform(get(page).session(admin)).andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/casework/orders/999999").session(resident)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/json"));
    }

    @Test
    void aWordWhereANumberGoesIsToldOnAPageNotABare400() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(post("/party-members").session(admin).with(csrf()).param("name", "李四").param("joinedOn", "昨天"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("“昨天”不是有效的 joinedOn"), containsString("返回修改"),
                        containsString("history.back()"))));
        mvc.perform(get("/party-orgs").param("parent", "abc").session(admin)).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("“abc”不是有效的 parent")));
        // JSON endpoints keep their own error format
        mvc.perform(get("/api/organization/party-orgs").param("parent", "abc").session(admin)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/json"));
    }

    @Test
    void aPartyMemberIsFiledUnderAnOrganizationAndACommunityTypedByNameAndAWrongNameComesBackOnTheForm() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(post("/party-members").session(admin).with(csrf()).param("name", "李四").param("joinedOn", "2020-07-01")
                        .param("organizationId", "市委").param("communityCode", "识字里"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("没有名为「市委」的党组织，请输入名称后从列表中选择"),
                        containsString("value=\"李四\""), containsString("value=\"市委\""), containsString("value=\"识字里\""))));
        String name = unique("王");
        mvc.perform(post("/party-members").session(admin).with(csrf()).param("name", name).param("joinedOn", "2020-07-01")
                .param("organizationId", "中共长沙市委员会").param("communityCode", "识字里")).andExpect(status().is3xxRedirection());
        var filed = jdbc.sql("select o.name, m.community_code from party_member m join party_organization o on o.id = m.organization_id"
                + " where m.name = ?").param(name).query((rs, i) -> rs.getString(1) + " " + rs.getString(2)).single();
        org.assertj.core.api.Assertions.assertThat(filed).isEqualTo("中共长沙市委员会 430102001001");
    }

    @Test
    void aPartyOrganizationsParentAndUnitAreTypedByNameAndTheEditFormShowsThemSo() throws Exception {
        MockHttpSession admin = signIn("admin");
        String name = unique("测试党支部");
        mvc.perform(post("/party-orgs").session(admin).with(csrf()).param("name", name).param("kind", "BRANCH")
                .param("category", "ORGAN").param("parentId", "中共长沙市委员会").param("divisionCode", "芙蓉区")
                .param("unitId", "长沙市城管局")).andExpect(status().is3xxRedirection());
        long id = jdbc.sql("select id from party_organization where name = ?").param(name).query(Long.class).single();
        mvc.perform(get("/party-orgs/" + id + "/edit").session(admin))
                .andExpect(content().string(allOf(containsString("value=\"中共长沙市委员会\""), containsString("value=\"长沙市城管局\""),
                        containsString("value=\"芙蓉区\""))));
        mvc.perform(get("/party-orgs/options").param("parentId", name).session(admin))
                .andExpect(content().string(containsString("<option value=\"" + name + "\">" + name + " · 芙蓉区</option>")));
        // a name two organizations bear is offered by number, which finds the one meant
        mvc.perform(post("/party-orgs").session(admin).with(csrf()).param("name", name).param("kind", "BRANCH")
                .param("category", "ORGAN").param("parentId", "1").param("divisionCode", "430102")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/party-orgs/options").param("parentId", name).session(admin))
                .andExpect(content().string(allOf(containsString("<option value=\"" + id + "\">"), not(containsString("<option value=\"" + name)))));
        mvc.perform(post("/party-orgs").session(admin).with(csrf()).param("name", "子支部").param("kind", "BRANCH")
                .param("category", "ORGAN").param("parentId", name).param("divisionCode", "430102"))
                .andExpect(content().string(containsString("有 2 个党组织名为「" + name + "」")));
    }

    @Test
    void aUnitIsPlacedAndFoundByThePlacesName() throws Exception {
        MockHttpSession admin = signIn("admin");
        String name = unique("测试物业公司");
        mvc.perform(post("/units").session(admin).with(csrf()).param("name", name).param("kind", "PROPERTY_COMPANY")
                .param("divisionCode", "无此社区").param("active", "true"))
                .andExpect(content().string(allOf(containsString("没有名为或代码为「无此社区」的区划"), containsString("value=\"" + name + "\""))));
        mvc.perform(post("/units").session(admin).with(csrf()).param("name", name).param("kind", "PROPERTY_COMPANY")
                .param("divisionCode", "识字里").param("active", "true")).andExpect(status().is3xxRedirection());
        long id = jdbc.sql("select id from unit where name = ? and division_code = '430102001001'").param(name).query(Long.class).single();
        mvc.perform(get("/units/" + id + "/edit").session(admin)).andExpect(content().string(containsString("value=\"识字里社区居委会\"")));
        mvc.perform(get("/units").param("q", name).param("division", "文艺路").session(admin)).andExpect(content().string(containsString(name)));
        mvc.perform(get("/units").param("q", name).param("division", "无此地").session(admin))
                .andExpect(content().string(allOf(containsString("id=\"units-error\""), not(containsString(name + "</")))));
    }

    @Test
    void switchingLanguageKeepsThePageItsFiltersAndItsPage() throws Exception {
        MockHttpSession admin = signIn("admin");
        mvc.perform(get("/admin/accounts?q=dis&page=0&lang=en").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"/admin/accounts?q=dis&amp;page=0&amp;lang=zh_CN\""),
                        containsString("href=\"/admin/accounts?q=dis&amp;page=0&amp;lang=en\""),
                        // roles read as words, not as the enum's names
                        containsString(">Dispatcher<"), not(containsString(">DISPATCHER<")))));
    }

    @Test
    void codeFieldsOfferPlacesByNameForStaffOnly() throws Exception {
        MockHttpSession dispatcher = signIn("dispatcher");
        // htmx sends the typed text under the field's own name
        mvc.perform(get("/territory/options").param("division", "识字里").session(dispatcher)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<option value=\"识字里社区居委会\">芙蓉区 · 文艺路街道 · 识字里社区居委会</option>")));
        // a name two places bear is offered by code, which finds the one meant
        mvc.perform(get("/territory/options").param("division", "东塘社区").session(dispatcher))
                .andExpect(content().string(allOf(containsString("<option value=\"430111005009\">雨花区 · 东塘街道 · 东塘社区居委会</option>"),
                        containsString("<option value=\"430104011002\">"))));
        mvc.perform(get("/territory/options").param("divisionCode", "").session(dispatcher)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<option"))));
        for (String page : new String[] { "/casework/board", "/casework/intake", "/casework/kpis" }) {
            mvc.perform(get(page).session(dispatcher)).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("list=\"division-options\""), containsString("hx-get=\"/territory/options\""))));
        }
        mvc.perform(get("/units/options").param("unit", "城管").session(dispatcher)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<option value=\"长沙市城管局\">长沙市城管局 · 长沙市</option>")));
        mvc.perform(get("/casework/kpis").session(dispatcher))
                .andExpect(content().string(allOf(containsString("list=\"unit-options\""), containsString("hx-get=\"/units/options\""))));
        MockHttpSession resident = signIn("resident");
        mvc.perform(get("/territory/options").param("q", "识字里").session(resident)).andExpect(status().isForbidden());
        mvc.perform(get("/units/options").param("q", "城管").session(resident)).andExpect(status().isForbidden());
    }

    @Test
    void everyPageNamesAnIconThatIsServedToAnyone() throws Exception {
        mvc.perform(get("/login")).andExpect(content().string(containsString("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/img/favicon.svg\">")));
        mvc.perform(get("/img/favicon.svg")).andExpect(status().isOk()).andExpect(content().string(containsString("<svg")));
    }

    @Test
    void communityStaffEditsOwnProfileFromThePage() throws Exception {
        MockHttpSession community = signIn("community");
        mvc.perform(get("/territory").session(community)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("识字里社区居委会"), containsString("name=\"residentPopulation\""))));
        String version = tools.jackson.databind.json.JsonMapper.builder().build().readTree(mvc.perform(
                get("/api/territory/communities/430102001001/profile").header("Authorization", "Bearer demo-community")).andReturn()
                .getResponse().getContentAsString()).path("version").asString();
        mvc.perform(post("/territory/communities/430102001001/profile").session(community).with(csrf()).param("version", version)
                .param("residentPopulation", "10000").param("communityWorkers", "18").param("operatingFundsYuan", "1300000")
                .param("serviceSpaceM2", "986")).andExpect(redirectedUrl("/territory?code=430102001001"));
        mvc.perform(get("/territory").session(community))
                .andExpect(content().string(allOf(containsString("18.0"), not(containsString("不在您的辖区内")))));
        // Another community's figures stay hidden.
        mvc.perform(get("/territory").param("code", "430102001002").session(community))
                .andExpect(content().string(containsString("不在您的辖区内")));
    }

    @Test
    void partyStaffRevealsOneMemberWithAnAuditTrail() throws Exception {
        MockHttpSession party = signIn("party");
        String list = mvc.perform(get("/party-members").session(party)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String id = list.replaceAll("(?s).*?id=\"member-(\\d+)\".*", "$1");
        mvc.perform(post("/party-members/" + id + "/reveal").session(party).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("member-" + id), not(containsString("138****")))));
        mvc.perform(get("/admin/audit").param("q", "party-member:" + id).session(signIn("admin")))
                .andExpect(content().string(containsString("PERSONAL_DATA_REVEALED")));
    }

    String api(String method, String path, String key, String body) throws Exception {
        var request = (method.equals("POST") ? post(path) : get(path)).header("Authorization", "Bearer " + key)
                .contentType("application/json").content(body == null ? "{}" : body);
        return mvc.perform(request).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aGridWorkerSeesTheOrdersOfTheirGridToVerify() throws Exception {
        String created = api("POST", "/api/casework/orders", "demo-dispatcher",
                "{\"text\":\"网格内垃圾堆积待核查\",\"category\":\"SANITATION\",\"divisionCode\":\"430102001001001\"}");
        String id = created.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1");
        String number = created.replaceAll("(?s).*\"number\":\"([^\"]+)\".*", "$1");
        api("POST", "/api/casework/orders/" + id + "/dispatch", "demo-dispatcher", null);
        api("POST", "/api/casework/orders/" + id + "/sign", "demo-street", null);
        api("POST", "/api/casework/orders/" + id + "/handle", "demo-street", "{\"note\":\"已清理\"}");
        MockHttpSession grid = signIn("grid");
        // their inbox opens at the check they make; signing is the units' step, not theirs
        mvc.perform(get("/casework/inbox").session(grid)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("待核查"), containsString(number), not(containsString("tab=sign")))));
        MockHttpSession street = signIn("street");
        mvc.perform(get("/casework/inbox").session(street)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("待签收"), containsString("tab=sign"))));
    }

    @Test
    void residentSeesNoStaffMenu() throws Exception {
        MockHttpSession resident = signIn("resident");
        mvc.perform(get("/").session(resident)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/units\""))));
        mvc.perform(get("/units").session(resident)).andExpect(status().isForbidden());
    }
}
