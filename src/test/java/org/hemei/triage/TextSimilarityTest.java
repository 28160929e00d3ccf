package org.hemei.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSimilarityTest {

    @Test
    void theSameDemandInOtherWordsScoresHighAnUnrelatedOneLow() {
        String a = "识字里小区门口垃圾三天没人清运，臭味很大";
        String b = "识字里小区门口的垃圾好几天没有清运了";
        String c = "公交站台的班次太少，希望增加线路";
        assertThat(TextSimilarity.similarity(a, a)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(TextSimilarity.similarity(a, b)).isGreaterThan(0.5);
        assertThat(TextSimilarity.similarity(a, c)).isLessThan(0.15);
        assertThat(TextSimilarity.similarity(a, b)).isEqualTo(TextSimilarity.similarity(b, a));
    }

    @Test
    void punctuationAndEmptyTextsDoNotCount() {
        assertThat(TextSimilarity.similarity("垃圾，清运！", "垃圾清运")).isGreaterThan(0.6);
        assertThat(TextSimilarity.similarity("", "垃圾")).isZero();
        assertThat(TextSimilarity.similarity(null, null)).isZero();
    }
}
