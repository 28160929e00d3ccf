package org.hemei.casework.open311;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.hemei.casework.Status;
import org.hemei.casework.TimeLimit;
import org.hemei.organization.Unit;
import org.hemei.organization.Units;
import org.hemei.territory.Division;
import org.hemei.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work orders as GeoReport v2 service requests, for anyone to read. What is published, and what never is:
 * <ul>
 * <li>Only categorised orders: {@code service_code} is required by the spec, and an order gets its category at
 * intake (Open311, hotline) or when the 12345 centre registers it.</li>
 * <li>Never the requester: no name, phone or account, and phone, landline and ID-card numbers written into the
 * free text are masked.</li>
 * <li>A confidential order 保密 shows only its category, status, dates and responsible unit: no description,
 * address, coordinates or handling result.</li>
 * </ul>
 * {@code service_request_id} is the order number ({@code 12345-20261125-000123}).
 */
@Component
class Open311Requests {

    /** The spec's default limits: the most recent 90 days, at most 1,000 requests, whichever is smaller. */
    static final int MAX_RECORDS = 1000;
    static final Duration MAX_SPAN = Duration.ofDays(90);

    static final Set<Status> CLOSED = Set.of(Status.CLOSED, Status.MERGED, Status.INVALID);
    private static final String CLOSED_SQL = "('CLOSED','MERGED','INVALID')";
    private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** What GET requests.[format] may ask for; {@code ids} overrides everything else, as the spec says. */
    record Filter(List<String> ids, Set<String> codes, Instant start, Instant end, Boolean open) {
    }

    private final JdbcClient jdbc;
    private final Categories categories;
    private final Units units;
    private final Territory territory;
    private final Clock clock;
    private final int maxRecords;

    @Autowired
    Open311Requests(JdbcClient jdbc, Categories categories, Units units, Territory territory, Clock clock) {
        this(jdbc, categories, units, territory, clock, MAX_RECORDS);
    }

    /** With another cap than the spec's 1,000: for tests, which cannot make a thousand orders cheaply. */
    Open311Requests(JdbcClient jdbc, Categories categories, Units units, Territory territory, Clock clock, int maxRecords) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.units = units;
        this.territory = territory;
        this.clock = clock;
        this.maxRecords = maxRecords;
    }

    // ---- the query

    /**
     * Reads the arguments of GET requests: comma-separated ids, service codes and statuses; dates in W3C format
     * (an offset is expected; a date or date-time without one is read as Beijing time). Without dates the
     * last 90 days; with one date, 90 days from or up to it; a range may not span more than 90 days.
     */
    Filter filter(String serviceRequestId, String serviceCode, String startDate, String endDate, String status) {
        List<String> ids = split(serviceRequestId);
        if (!ids.isEmpty()) {
            if (ids.size() > maxRecords) throw Open311Exception.badRequest("service_request_id 最多 " + maxRecords
                    + " 个 / at most " + maxRecords + " service_request_id values");
            return new Filter(ids, Set.of(), null, null, null);
        }
        Set<String> codes = new LinkedHashSet<>(split(serviceCode));
        for (String code : codes) {
            if (categories.find(code).isEmpty()) {
                throw Open311Exception.badRequest("未知的 service_code / unknown service_code: " + code);
            }
        }
        Boolean open = null;
        Set<String> statuses = new LinkedHashSet<>(split(status));
        for (String s : statuses) {
            if (!s.equals("open") && !s.equals("closed")) {
                throw Open311Exception.badRequest("status 只能是 open 或 closed / status must be open or closed (got " + s + ")");
            }
        }
        if (statuses.size() == 1) open = statuses.contains("open");
        Instant start = instant("start_date", startDate);
        Instant end = instant("end_date", endDate);
        if (start == null && end == null) end = clock.instant();
        if (start == null) start = end.minus(MAX_SPAN);
        if (end == null) end = start.plus(MAX_SPAN);
        if (end.isBefore(start)) throw Open311Exception.badRequest("end_date 早于 start_date / end_date is before start_date");
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw Open311Exception.badRequest("start_date 与 end_date 相隔不得超过 90 天 / start_date and end_date may not span more than 90 days");
        }
        return new Filter(List.of(), codes, start, end, open);
    }

    /** At most {@link #MAX_RECORDS} requests, the most recently requested first. */
    List<Map<String, Object>> search(Filter f) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where o.category_code is not null");
        if (!f.ids().isEmpty()) {
            where.append(" and o.number in (").append(placeholders(f.ids().size())).append(")");
            params.addAll(f.ids());
        } else {
            if (!f.codes().isEmpty()) {
                where.append(" and o.category_code in (").append(placeholders(f.codes().size())).append(")");
                params.addAll(f.codes());
            }
            if (f.open() != null) where.append(" and o.status ").append(f.open() ? "not in " : "in ").append(CLOSED_SQL);
            where.append(" and o.received_at >= ? and o.received_at <= ?");
            params.add(OffsetDateTime.ofInstant(f.start(), ZoneOffset.UTC));
            params.add(OffsetDateTime.ofInstant(f.end(), ZoneOffset.UTC));
        }
        params.add(maxRecords);
        return publish(jdbc.sql(SELECT + where + " order by o.received_at desc, o.id desc limit ?").params(params).query(Row::of).list());
    }

    /** One request by its id (the order number); empty when there is none or it is not published. */
    Optional<Map<String, Object>> byNumber(String number) {
        return publish(jdbc.sql(SELECT + " where o.number = ? and o.category_code is not null").param(number).query(Row::of).list())
                .stream().findFirst();
    }

    private static final String SELECT = "select o.number, o.status, o.category_code, o.text, o.confidential, o.lat, o.lng,"
            + " o.address, o.division_code, o.lead_unit_id, o.received_at, o.handle_due_at, o.closed_at, o.feedback,"
            + " o.closed_at_intake, (select m.number from work_order m where m.id = o.merged_into_id) as merged_into,"
            + " (select max(e.at) from work_order_event e where e.work_order_id = o.id) as updated_at"
            + " from work_order o";

    record Row(String number, Status status, String categoryCode, String text, boolean confidential, Double lat, Double lng,
            String address, String divisionCode, Long leadUnitId, OffsetDateTime receivedAt, OffsetDateTime handleDueAt,
            OffsetDateTime closedAt, String feedback, boolean closedAtIntake, String mergedInto, OffsetDateTime updatedAt) {

        static Row of(ResultSet rs, int i) throws SQLException {
            return new Row(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                    rs.getObject(6, Double.class), rs.getObject(7, Double.class), rs.getString(8), rs.getString(9),
                    rs.getObject(10, Long.class), rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class),
                    rs.getObject(13, OffsetDateTime.class), rs.getString(14), rs.getBoolean(15), rs.getString(16),
                    rs.getObject(17, OffsetDateTime.class));
        }
    }

    // ---- the public view of one order

    private List<Map<String, Object>> publish(List<Row> rows) {
        Map<Long, String> unitNames = new HashMap<>();
        return rows.stream().map(r -> publish(r, unitNames)).toList();
    }

    private Map<String, Object> publish(Row r, Map<Long, String> unitNames) {
        Category category = categories.find(r.categoryCode()).orElse(null);
        String agency = r.leadUnitId() == null ? null
                : unitNames.computeIfAbsent(r.leadUnitId(), id -> units.find(id).map(Unit::getName).orElse(null));
        boolean hidden = r.confidential();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service_request_id", r.number());
        m.put("status", CLOSED.contains(r.status()) ? "closed" : "open");
        m.put("status_notes", statusNotes(r, agency));
        m.put("service_name", category == null ? null : category.name());
        m.put("service_code", r.categoryCode());
        m.put("description", hidden ? null : scrub(r.text()));
        m.put("agency_responsible", agency);
        m.put("service_notice", category == null ? null : serviceNotice(category));
        m.put("requested_datetime", w3c(r.receivedAt()));
        m.put("updated_datetime", w3c(CLOSED.contains(r.status()) && r.closedAt() != null ? r.closedAt()
                : r.updatedAt() != null ? r.updatedAt() : r.receivedAt()));
        m.put("expected_datetime", w3c(r.handleDueAt()));
        m.put("address", hidden ? null : address(r));
        m.put("address_id", hidden || r.divisionCode() == null ? null : r.divisionCode());
        m.put("zipcode", null);
        m.put("lat", hidden ? null : r.lat());
        m.put("long", hidden ? null : r.lng());
        m.put("media_url", null);
        return m;
    }

    /** Where the order stands, in words; the handling result once there is one (never for confidential orders). */
    private static String statusNotes(Row r, String agency) {
        String unit = agency == null ? "" : agency;
        String note = switch (r.status()) {
            case RECEIVED -> "已受理，待登记 / received, to be registered";
            case REGISTERED -> "已登记，待派单 / registered, to be dispatched";
            case DISPATCHED -> "已派至" + unit + "，待签收 / dispatched to the responsible unit";
            case SIGNED, IN_PROGRESS -> unit + "办理中 / in progress";
            case RETURN_REQUESTED -> "派单复核中 / the dispatch is being reviewed";
            case SUSPENDED -> "暂缓办理 / suspended";
            case HANDLED -> "已办理，待核查 / handled, to be verified";
            case VERIFIED -> "已核查，待回访 / verified, to be followed up";
            case FOLLOWED_UP -> "已回访，待结案 / followed up, to be closed";
            case CLOSED -> r.closedAtIntake() ? "已直接答复办结 / answered and closed at intake" : "已办结 / resolved and closed";
            case MERGED -> "已并入 " + r.mergedInto() + " 一并办理 / merged into " + r.mergedInto();
            case INVALID -> "无效诉求，不予办理 / invalid request, not handled";
        };
        boolean hasResult = r.status() == Status.HANDLED || r.status() == Status.VERIFIED || r.status() == Status.FOLLOWED_UP
                || r.status() == Status.CLOSED;
        if (hasResult && !r.confidential() && r.feedback() != null && !r.feedback().isBlank()) {
            note += "。办理结果 / result: " + scrub(r.feedback().strip());
        }
        return note;
    }

    /** The category's time limits, as a resident would want to know them. */
    static String serviceNotice(Category c) {
        String notice = kindZh(c.kind()) + "：受理后" + zh(c.signLimit()) + "内签收，" + zh(c.handleLimit()) + "内办结 / "
                + kindEn(c.kind()) + ": taken up within " + en(c.signLimit()) + ", resolved within " + en(c.handleLimit());
        return c.majorHazard() ? notice + "；重大隐患启动部门应急联动 / a major hazard starts the departments' emergency plan" : notice;
    }

    private String address(Row r) {
        if (r.address() != null && !r.address().isBlank()) return scrub(r.address().strip());
        if (r.divisionCode() == null) return null;
        String code = r.divisionCode().length() > 12 ? r.divisionCode().substring(0, 12) : r.divisionCode();
        List<Division> path = new ArrayList<>(territory.path(code));
        if (path.isEmpty()) return null;
        java.util.Collections.reverse(path);
        return path.stream().map(Division::name).collect(Collectors.joining(", "));
    }

    // ---- helpers

    // as people write them: +86 or 86 before, spaces or hyphens between the groups (138 1234 5678, 0731-8456 7890)
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?\\d{4}[- ]?(\\d{4})(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(0\\d{2,3})[- ]?\\d{3,4}[- ]?(\\d{4})(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    private static final Pattern ID_CARD = Pattern.compile("(?<!\\d)(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9Xx])");

    /** Free text for the public: ID-card, mobile and landline numbers and e-mail addresses masked. */
    static String scrub(String text) {
        if (text == null) return null;
        String s = EMAIL.matcher(text).replaceAll("***@***");
        s = ID_CARD.matcher(s).replaceAll("$1********$2");
        s = MOBILE.matcher(s).replaceAll("$1****$2");
        return LANDLINE.matcher(s).replaceAll("$1-****$2");
    }

    static String w3c(OffsetDateTime t) {
        return t == null ? null : t.toInstant().atOffset(CHINA).truncatedTo(ChronoUnit.SECONDS).format(W3C);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) return null;
        // A '+' in a query string arrives as a space when the client did not encode it.
        String v = value.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(v, W3C).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(v).atOffset(CHINA).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(v).atStartOfDay().atOffset(CHINA).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw Open311Exception.badRequest(name + " 不是 W3C 日期时间 / " + name
                            + " must be a W3C date-time such as 2026-01-01T00:00:00+08:00 (got " + value + ")");
                }
            }
        }
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    private static String kindZh(Category.Kind kind) {
        return switch (kind) {
            case CONSULTATION -> "咨询类";
            case EMERGENCY -> "紧急类";
            case UTILITY -> "水电气热类";
            case GENERAL -> "一般类";
            case COMPLEX -> "复杂类";
        };
    }

    private static String kindEn(Category.Kind kind) {
        return switch (kind) {
            case CONSULTATION -> "Consultation";
            case EMERGENCY -> "Emergency";
            case UTILITY -> "Water, power, gas and heating";
            case GENERAL -> "General";
            case COMPLEX -> "Complex";
        };
    }

    private static String zh(TimeLimit t) {
        return t.amount() + switch (t.unit()) {
            case MINUTES -> "分钟";
            case HOURS -> "小时";
            case DAYS -> "天";
            case WORKING_DAYS -> "个工作日";
        };
    }

    private static String en(TimeLimit t) {
        String unit = switch (t.unit()) {
            case MINUTES -> "minute";
            case HOURS -> "hour";
            case DAYS -> "day";
            case WORKING_DAYS -> "working day";
        };
        return t.amount() + " " + unit + (t.amount() == 1 ? "" : "s");
    }
}
