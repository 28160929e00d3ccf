package org.hemei.triage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small labelled messages made up for tests: three categories with their own words, mixed with common filler. */
public final class TinyData {

    private static final String[][] WORDS = {
            { "交通运输", "公交", "线路", "站台", "司机", "地铁", "出租车", "班次" },
            { "环境保护", "噪音", "污水", "排放", "油烟", "粉尘", "臭味", "垃圾焚烧" },
            { "教育文体", "学校", "学生", "老师", "学位", "入学", "幼儿园", "补课" } };
    private static final String[] FILLER = { "反映", "问题", "希望", "尽快", "处理", "我们", "小区", "附近", "长期", "居民" };

    private TinyData() {
    }

    public static List<LabelledText> messages(int perCategory, long seed) {
        Random random = new Random(seed);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < perCategory; i++) {
            for (String[] category : WORDS) {
                StringBuilder title = new StringBuilder();
                StringBuilder body = new StringBuilder();
                title.append(pick(category, random)).append(pick(FILLER, random));
                for (int w = 0; w < 12; w++) body.append(random.nextInt(3) == 0 ? pick(category, random) : pick(FILLER, random)).append(w % 4 == 3 ? "。" : "");
                out.add(new LabelledText(title.toString(), body.toString(), category[0]));
            }
        }
        return out;
    }

    private static String pick(String[] words, Random random) {
        return words == FILLER ? words[random.nextInt(words.length)] : words[1 + random.nextInt(words.length - 1)];
    }

    public static String csv(List<LabelledText> messages) {
        StringBuilder s = new StringBuilder("id,title,body,label,time\n");
        int id = 0;
        for (LabelledText m : messages) {
            s.append(id++).append(',').append(m.title()).append(",\"").append(m.body().replace("\"", "\"\"")).append("\n（续）\",")
                    .append(m.label()).append(",2019/1/1\n");
        }
        return s.toString();
    }
}
