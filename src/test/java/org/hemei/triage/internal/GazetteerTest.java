package org.hemei.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hemei.triage.internal.Gazetteer.Candidate;
import org.hemei.triage.internal.Gazetteer.Kind;
import org.hemei.triage.internal.Gazetteer.Place;
import org.junit.jupiter.api.Test;

/** The gazetteer over Changsha's real divisions (shipped with the territory module) plus a made-up compound. */
class GazetteerTest {

    static final List<Place> PLACES = new java.util.ArrayList<>(DivisionFiles.places());
    static {
        PLACES.add(new Place("430104007001", Kind.COMPOUND, "测试花园小区"));
    }
    static final Gazetteer GAZETTEER = Gazetteer.of(PLACES);

    @Test
    void knowsTheFormsPeopleWrite() {
        assertThat(Gazetteer.forms(new Place("430104", Kind.DISTRICT, "岳麓区"))).containsKeys("岳麓区", "岳麓");
        assertThat(Gazetteer.forms(new Place("430121", Kind.DISTRICT, "长沙县"))).containsOnlyKeys("长沙县");
        assertThat(Gazetteer.forms(new Place("430104015", Kind.STREET, "洋湖街道"))).containsKeys("洋湖街道", "洋湖");
        assertThat(Gazetteer.forms(new Place("430102001001", Kind.COMMUNITY, "识字里社区居委会")))
                .containsKeys("识字里社区居委会", "识字里社区", "识字里");
        assertThat(Gazetteer.shortCommunityName("双河村委会")).isEqualTo("双河村");
    }

    @Test
    void resolvesASharedCommunityNameByTheStreetInTheText() {
        // 曙光社区 exists in 芙蓉区 朝阳街街道 and in 雨花区 左家塘街道.
        Candidate inFurong = GAZETTEER.locate("芙蓉区朝阳街街道曙光社区门口的路灯坏了", 5).get(0);
        assertThat(inFurong.place().code()).isEqualTo("430102002006");
        assertThat(inFurong.matched()).contains("曙光社区", "朝阳街街道");
        Candidate inYuhua = GAZETTEER.locate("我住在左家塘曙光社区，楼下噪音扰民", 5).get(0);
        assertThat(inYuhua.place().code()).isEqualTo("430111002014");
        assertThat(inYuhua.confidence()).isGreaterThan(0.7);
    }

    @Test
    void anUnresolvedSharedNameStaysUnsure() {
        List<Candidate> c = GAZETTEER.locate("曙光社区的路灯坏了", 5);
        assertThat(c).hasSizeGreaterThanOrEqualTo(2);
        assertThat(c.get(0).confidence()).isLessThan(0.6);
        assertThat(c.stream().map(x -> x.place().code())).contains("430102002006", "430111002014");
    }

    @Test
    void theMostSpecificConsistentPlaceComesFirst() {
        List<Candidate> c = GAZETTEER.locate("长沙市岳麓区洋湖街道有人占道经营", 5);
        assertThat(c.get(0).place().kind()).isEqualTo(Kind.STREET);
        assertThat(c.get(0).place().name()).isEqualTo("洋湖街道");
        assertThat(c.get(1).place().name()).isEqualTo("岳麓区");
        assertThat(c.get(0).matched()).containsExactly("洋湖街道", "岳麓区");
    }

    @Test
    void anOrdinaryWordNamesNoPlace() {
        // 路口 is a crossing, 长沙市 the city: neither is 长沙县's 路口镇 nor 浏阳's 沙市镇.
        assertThat(GAZETTEER.locate("东三路与望仙路口的菜市场还没建成，长沙市民买菜难", 5))
                .noneMatch(c -> c.place().name().startsWith("路口") || c.place().name().startsWith("沙市"));
        Candidate town = GAZETTEER.locate("长沙县路口镇的路灯坏了", 5).get(0);
        assertThat(town.place().code()).isEqualTo("430121108");
        assertThat(town.matched()).contains("路口镇");
    }

    @Test
    void readsTheCharacterResidentsTypeForARareOne() {
        // The official name is 㮾梨街道; residents write 榔梨.
        Candidate c = GAZETTEER.locate("希望长沙县榔梨街道做好交通规划建设", 5).get(0);
        assertThat(c.place().code()).isEqualTo("430121004");
        assertThat(c.matched()).contains("榔梨街道");
        assertThat(GAZETTEER.locate("㮾梨的菜市场", 5).get(0).place().code()).isEqualTo("430121004");
    }

    @Test
    void findsCompoundsAndNothingInPlainText() {
        Candidate c = GAZETTEER.locate("测试花园小区的电梯坏了", 5).get(0);
        assertThat(c.place().kind()).isEqualTo(Kind.COMPOUND);
        assertThat(c.place().code()).isEqualTo("430104007001");
        assertThat(GAZETTEER.locate("今天天气很好", 5)).isEmpty();
    }
}
