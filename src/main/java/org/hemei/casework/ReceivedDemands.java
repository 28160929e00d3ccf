package org.hemei.casework;

import java.util.List;
import org.hemei.triage.UnlabelledTexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demands received, offered to the category model as unlabelled text: the more of residents' own words its
 * word vectors learn from, the better it reads a new demand. Confidential demands stay out (their words are the
 * requester's business), and so do merged and invalid ones (copies and noise).
 */
@Component
class ReceivedDemands implements UnlabelledTexts {

    private final JdbcClient jdbc;

    ReceivedDemands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String source() {
        return "orders";
    }

    @Override
    public List<Text> newest(int limit) {
        return jdbc.sql("""
                select title, text from work_order
                where not confidential and status not in ('MERGED', 'INVALID')
                order by id desc fetch first ? rows only""")
                .param(limit)
                .query((rs, i) -> new Text(rs.getString(1) == null ? "" : rs.getString(1), rs.getString(2))).list();
    }
}
