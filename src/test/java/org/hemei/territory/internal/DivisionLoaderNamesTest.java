package org.hemei.territory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The short names and kinds people see, for the committee names of the official list. */
class DivisionLoaderNamesTest {

    @Test
    void shortCommunityNamesDropTheCommitteeSuffix() {
        assertEquals("识字里社区", DivisionLoader.shortCommunityName("识字里社区居委会"));
        assertEquals("洪山桥社区", DivisionLoader.shortCommunityName("洪山桥社区居民委员会"));
        assertEquals("八方社区", DivisionLoader.shortCommunityName("八方社区委员会"));
        assertEquals("城西社区", DivisionLoader.shortCommunityName("城西社区"), "already short");
    }

    @Test
    void villagesKeepExactlyOneTrailingVillageCharacter() {
        assertEquals("火炬村", DivisionLoader.shortCommunityName("火炬村委会"));
        assertEquals("南田坪村", DivisionLoader.shortCommunityName("南田坪村村民委员会"));
        // The official list really spells this one 委委会.
        assertEquals("罗巷新村", DivisionLoader.shortCommunityName("罗巷新村村民委委会"));
        assertEquals("光明村", DivisionLoader.shortCommunityName("光明村"));
    }

    @Test
    void streetKindFollowsTheNameSuffix() {
        assertEquals("street", DivisionLoader.streetKind("文艺路街道"));
        assertEquals("town", DivisionLoader.streetKind("大瑶镇"));
        assertEquals("township", DivisionLoader.streetKind("沙田乡"));
        assertEquals("area", DivisionLoader.streetKind("隆平高科技园"));
        assertEquals("area", DivisionLoader.streetKind("雨花经济开发区"));
    }

    @Test
    void communityKindTellsUrbanCommunitiesFromVillages() {
        assertEquals("community", DivisionLoader.communityKind("识字里社区居委会"));
        assertEquals("village", DivisionLoader.communityKind("火炬村委会"));
        assertEquals("village", DivisionLoader.communityKind("光明村"));
    }
}
