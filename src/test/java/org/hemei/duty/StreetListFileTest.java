package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** The xlsx file: export → import round trip, what is normalised, and a bad file refused whole with every problem. */
class StreetListFileTest extends StreetListTestSupport {

    @Test
    void anExportedVersionImportsBackUnchanged() throws Exception {
        long template = call(get("/api/duty/street-lists/template").with(as("admin")), 200).path("inForce").path("id").asLong();
        byte[] exported = export(template);
        String street = freshStreet();
        LocalDate date = today().plusDays(10);
        JsonNode imported = call(upload(street, exported, date).with(as("admin")), 201);
        long copy = imported.path("version").path("id").asLong();

        assertThat(items(copy)).isEqualTo(items(template));
        assertThat(cells(export(copy))).isEqualTo(cells(exported));
        // The same file again for the same date is the same content: nothing new.
        JsonNode again = call(upload(street, export(copy), date).with(as("admin")), 200);
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(cells(exported).get(0)).containsExactly(HEADER);
    }

    @Test
    void namesAndSeparatorsOfficialsUseAreReadAndWrittenCanonically() throws Exception {
        String street = freshStreet();
        long id = call(upload(street, xlsx(new String[] { "N-1", "供水和燃气入户核实", "《城市供水条例》", "协助", "水务局；住建、SHUIWU",
                "供水问题；gas" }, new String[] { "N-2", "社区事务", "《中华人民共和国城市居民委员会组织法》", "牵头", null, "COMMUNITY" }),
                today().plusDays(12)).with(as("admin")), 201).path("version").path("id").asLong();
        JsonNode items = call(get("/api/duty/street-lists/versions/" + id + "/items").with(as("admin")), 200).path("items").path("items");
        assertThat(items.get(0).path("streetRole").asString()).isEqualTo("ASSIST");
        assertThat(values(items.get(0).path("departments"))).containsExactly("SHUIWU", "ZHUJIAN");
        assertThat(values(items.get(0).path("categories"))).containsExactly("WATER", "GAS");
        assertThat(items.get(1).path("streetRole").asString()).isEqualTo("LEAD");
        List<List<String>> cells = cells(export(id));
        assertThat(cells.get(1)).containsExactly("N-1", "供水和燃气入户核实", "《城市供水条例》", "配合", "水务、住建", "WATER、GAS");
    }

    @Test
    void aBadFileIsRefusedWholeWithEveryProblemByRowAndColumn() throws Exception {
        String street = freshStreet();
        byte[] bad = xlsx(
                new String[] { "X-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" },
                new String[] { "X-2", "", "《某法》", "负责", "宇宙局", "XYZ" },
                new String[] { "X-1", "重复编号", "《某法》", "主责", "", "" },
                new String[] { "X-4", "再次供水", "《某法》", "主责", "", "WATER" },
                new String[] { "X-5", "配合但无部门", "《某法》", "配合", "", "" });
        JsonNode error = call(upload(street, bad, today().plusDays(20)).with(as("admin")), 422);
        assertApiError(error, 422);
        assertThat(error.path("message").asString()).contains("nothing was imported");
        List<String> problems = new ArrayList<>();
        for (JsonNode p : error.path("problems")) problems.add(p.path("row").asInt() + "|" + p.path("column").asString() + "|" + p.path("message").asString());
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("3|事项名称 Name|").contains("Name is required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("3|街道角色 Street role (主责/配合)|").contains("负责"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("3|相关部门 Departments|").contains("宇宙局"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("3|工单类别 Categories|").contains("XYZ"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("4|事项编号 Code|").contains("repeats row 2"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("5|工单类别 Categories|").contains("covered by row 2"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("6|相关部门 Departments|").contains("names the departments"));
        assertThat(problems).hasSize(7);
        assertThat(call(get("/api/duty/street-lists/" + street + "/versions").with(as("admin")), 200).path("total").asInt()).isZero();
    }

    @Test
    void aMissingColumnOrAnEmptySheetIsNamed() throws Exception {
        String street = freshStreet();
        JsonNode missing = call(upload(street, xlsxWith(new String[] { "Code", "Name", "Basis", "街道角色", "相关部门" },
                new String[] { "M-1", "x", "y", "主责", "" }), today().plusDays(3)).with(as("admin")), 422);
        assertThat(missing.path("problems").size()).isEqualTo(1);
        assertThat(missing.path("problems").get(0).path("row").asInt()).isEqualTo(1);
        assertThat(missing.path("problems").get(0).path("column").asString()).isEqualTo("工单类别 Categories");
        JsonNode empty = call(upload(street, xlsx(), today().plusDays(3)).with(as("admin")), 422);
        assertThat(empty.path("problems").get(0).path("message").asString()).contains("no items");
    }

    private byte[] export(long version) throws Exception {
        MockHttpServletResponse res = mvc.perform(get("/api/duty/street-lists/versions/" + version + "/export").with(as("admin")))
                .andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(200);
        assertThat(res.getContentType()).contains("spreadsheetml");
        assertThat(res.getHeader("Content-Disposition")).contains("attachment");
        return res.getContentAsByteArray();
    }

    private JsonNode items(long version) throws Exception {
        return call(get("/api/duty/street-lists/versions/" + version + "/items").param("size", "200").with(as("admin")), 200)
                .path("items").path("items");
    }
}
