package org.hemei.organization;

/** Functional departments, the same at city and district level; routing maps categories onto these. */
public enum DepartmentType {
    CHENGGUAN("城管"), ZHUJIAN("住建"), SHICHANG_JIANGUAN("市场监管"), SHENGTAI_HUANJING("生态环境"),
    JIAOTONG("交通运输"), SHUIWU("水务"), GONGAN("公安"), JIAOYU("教育"), WEIJIAN("卫健"), RENSHE("人社"),
    MINZHENG("民政"), ZIRAN_ZIYUAN("自然资源"), YINGJI("应急管理"), WENLV("文旅"), GONGXIN("工信");

    private final String chinese;

    DepartmentType(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
