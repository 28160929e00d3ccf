package org.hemei.organization;

import org.hemei.shared.Languages;

/** Functional departments, the same at city and district level; routing maps categories onto these. */
public enum DepartmentType {
    CHENGGUAN("城管", "Urban management"), ZHUJIAN("住建", "Housing and construction"),
    SHICHANG_JIANGUAN("市场监管", "Market regulation"), SHENGTAI_HUANJING("生态环境", "Ecology and environment"),
    JIAOTONG("交通运输", "Transport"), SHUIWU("水务", "Water"), GONGAN("公安", "Public security"), JIAOYU("教育", "Education"),
    WEIJIAN("卫健", "Health"), RENSHE("人社", "Human resources and social security"), MINZHENG("民政", "Civil affairs"),
    ZIRAN_ZIYUAN("自然资源", "Natural resources"), YINGJI("应急管理", "Emergency management"), WENLV("文旅", "Culture and tourism"),
    GONGXIN("工信", "Industry and information technology");

    private final String chinese;
    private final String english;

    DepartmentType(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    /** The name in the page's language. */
    public String label() {
        return Languages.english() ? english : chinese;
    }
}
