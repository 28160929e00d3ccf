package org.hemei.casework;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.triage.TextSimilarity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Likely duplicates of a demand, so the operator can merge (并单): open orders of the last days in the same grid
 * or community, or within {@value #RADIUS_METRES} m, of the same category when it is known, whose text reads alike.
 */
@Service
public class Duplicates {

    public record Candidate(long id, String number, String title, String status, String divisionCode, double score) {
    }

    static final int RADIUS_METRES = 300;
    static final Duration WINDOW = Duration.ofDays(7);
    static final double MIN_SCORE = 0.35;
    private static final int MAX_CANDIDATES = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    Duplicates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Up to five open orders like this one (excluding itself), best first, within the caller's scope. An order without
     * a place is compared where its text put it (the place triage proposed), as at intake.
     */
    public List<Candidate> of(WorkOrder o) {
        String place = o.getDivisionCode() != null || o.getLat() != null ? o.getDivisionCode() : o.getSuggestedDivision();
        return find(o.getTitle(), o.getText(), o.getCategoryCode(), place, o.getLat(), o.getLng(), o.getId());
    }

    public List<Candidate> find(String title, String text, String category, String divisionCode, Double lat, Double lng, Long excludeId) {
        if (divisionCode == null && lat == null) return List.of();
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where o.status not in ('CLOSED','MERGED','INVALID') and o.received_at >= ?");
        params.add(OffsetDateTime.now(clock).minus(WINDOW).withOffsetSameInstant(ZoneOffset.UTC));
        List<String> near = new ArrayList<>();
        if (divisionCode != null) {
            near.add("o.division_code = ?");
            params.add(divisionCode);
        }
        if (lat != null && lng != null) {
            double dLat = RADIUS_METRES / 111_320.0, dLng = dLat / Math.cos(Math.toRadians(lat));
            near.add("(o.lat between ? and ? and o.lng between ? and ?)");
            params.add(lat - dLat);
            params.add(lat + dLat);
            params.add(lng - dLng);
            params.add(lng + dLng);
        }
        where.append(" and (").append(String.join(" or ", near)).append(")");
        if (category != null) {
            where.append(" and (o.category_code = ? or o.category_code is null)");
            params.add(category);
        }
        if (excludeId != null) {
            where.append(" and o.id <> ?");
            params.add(excludeId);
        }
        where.append(" and ").append(OrderAccess.scopeFilter(Actor.current(), params));
        params.add(MAX_CANDIDATES);
        TextSimilarity.Profile mine = TextSimilarity.profile(join(title, text));
        return jdbc.sql("select o.id, o.number, o.title, o.text, o.status, o.division_code from work_order o" + where
                + " order by o.received_at desc limit ?").params(params)
                .query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6),
                        round(TextSimilarity.cosine(mine, TextSimilarity.profile(join(rs.getString(3), rs.getString(4)))))))
                .list().stream().filter(c -> c.score() >= MIN_SCORE)
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()).limit(5).toList();
    }

    private static String join(String title, String text) {
        return (title == null ? "" : title + "。") + (text == null ? "" : text);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
