package org.hemei.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** A server message "中文 / English" is shown in the page's language; anything else is shown as it is. */
class LanguagesTest {

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    private static String in(Locale locale, String text) {
        LocaleContextHolder.setLocale(locale);
        return Languages.pick(text);
    }

    @Test
    void eachPageReadsItsOwnHalf() {
        String message = "请填写诉求内容 / text is required";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, message)).isEqualTo("请填写诉求内容");
        assertThat(in(Locale.ENGLISH, message)).isEqualTo("text is required");
        String afterBracket = "评价已定稿（当前：已定稿）/ the evaluation is already final (status: Final)";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, afterBracket)).isEqualTo("评价已定稿（当前：已定稿）");
        assertThat(in(Locale.ENGLISH, afterBracket)).isEqualTo("the evaluation is already final (status: Final)");
    }

    @Test
    void theEnglishHalfMayNameChinesePlacesAndTheChineseHalfMayHoldASlash() {
        String message = "新任务「入户宣传 / 走访」来自长沙市城管局，完成期限 2026-12-10 / a task from 长沙市城管局, due 2026-12-10";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, message)).isEqualTo("新任务「入户宣传 / 走访」来自长沙市城管局，完成期限 2026-12-10");
        assertThat(in(Locale.ENGLISH, message)).isEqualTo("a task from 长沙市城管局, due 2026-12-10");
    }

    @Test
    void aChinesePageKeepsBothHalvesWhenOnlyTheEnglishOneGivesTheDetails() {
        String number = "工单不存在 / no work order 999999";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, number)).isEqualTo(number);
        assertThat(in(Locale.ENGLISH, number)).isEqualTo("no work order 999999");
        String typed = "received_at 不是有效时间 / received_at is not a time: yesterday";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, typed)).isEqualTo(typed);
        String chineseDetail = "输入有误，请返回修改 / please go back and correct: “市委”不是有效的 organizationId";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, chineseDetail)).isEqualTo(chineseDetail);
        String told = "您反映的问题 12345-20261203-000001 已办理完毕 / 12345-20261203-000001 has been handled: tell us how it went";
        assertThat(in(Locale.SIMPLIFIED_CHINESE, told)).isEqualTo("您反映的问题 12345-20261203-000001 已办理完毕");
    }

    @Test
    void whatIsNotAPairIsShownWhole() {
        assertThat(in(Locale.ENGLISH, "网站/手机")).isEqualTo("网站/手机");
        assertThat(in(Locale.ENGLISH, "A / B")).isEqualTo("A / B");
        assertThat(in(Locale.SIMPLIFIED_CHINESE, "已清理")).isEqualTo("已清理");
        assertThat(in(Locale.ENGLISH, null)).isNull();
    }

    @Test
    void pairsJoinHalfByHalfAndAPersonsNoteGoesInBoth() {
        String joined = Languages.both("按规则 #19，由文艺路街道办事处主办 / by rule #19, led by 文艺路街道办事处", null, " 请尽快处理 ");
        assertThat(joined).isEqualTo("按规则 #19，由文艺路街道办事处主办；请尽快处理 / by rule #19, led by 文艺路街道办事处; 请尽快处理");
        assertThat(in(Locale.SIMPLIFIED_CHINESE, joined)).isEqualTo("按规则 #19，由文艺路街道办事处主办；请尽快处理");
        assertThat(in(Locale.ENGLISH, joined)).isEqualTo("by rule #19, led by 文艺路街道办事处; 请尽快处理");
        assertThat(Languages.both("已清理", "")).isEqualTo("已清理"); // nothing paired: no separator added
        assertThat(Languages.both(null, " ")).isNull();
    }
}
