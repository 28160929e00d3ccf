package org.hemei.duty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.hemei.identity.AuditLog;
import org.hemei.shared.DomainException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/** 打卡减负: the registry of apps and platforms communities must report to, and which were removed. */
@Service
public class CheckInApps {

    public record CheckInApp(long id, String name, String owner, String purpose, boolean removed, OffsetDateTime removedAt,
            String removedReason) {
    }

    public record AppForm(String name, String owner, String purpose) {
    }

    private static final String COLUMNS = "id, name, owner, purpose, removed, removed_at, removed_reason";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CheckInApps(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every app, or only those still required (removed = false) or only those removed (true). */
    public List<CheckInApp> list(Boolean removed) {
        var sql = jdbc.sql("select " + COLUMNS + " from check_in_app" + (removed == null ? "" : " where removed = :removed")
                + " order by removed, owner, name");
        if (removed != null) sql = sql.param("removed", removed);
        return sql.query(CheckInApp.class).list();
    }

    public CheckInApp register(AppForm form) {
        String name = required(form.name(), "name", 120);
        String owner = required(form.owner(), "owner", 120);
        if (form.purpose() != null && form.purpose().strip().length() > 500) {
            throw DomainException.badRequest("purpose 不超过500字 / purpose: at most 500 characters");
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into check_in_app(name, owner, purpose, created_at) values (?, ?, ?, ?)")
                .params(name, owner, form.purpose() == null || form.purpose().isBlank() ? null : form.purpose().strip(),
                        OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("CHECK_IN_APP_REGISTERED", "check-in-app:" + id, owner + " " + name);
        return get(id);
    }

    /** Communities no longer report to this app: it stays in the registry, marked removed. */
    public CheckInApp remove(long id, String reason) {
        String why = required(reason, "reason", 500);
        get(id);
        int n = jdbc.sql("update check_in_app set removed = true, removed_at = ?, removed_reason = ?, version = version + 1"
                + " where id = ? and not removed").params(OffsetDateTime.now(clock), why, id).update();
        if (n != 1) throw DomainException.conflict("已移除 / already removed");
        audit.record("CHECK_IN_APP_REMOVED", "check-in-app:" + id, why);
        return get(id);
    }

    public CheckInApp get(long id) {
        return jdbc.sql("select " + COLUMNS + " from check_in_app where id = ?").params(id).query(CheckInApp.class).optional()
                .orElseThrow(() -> DomainException.notFound("应用不存在 / no check-in app " + id));
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw DomainException.badRequest("请填写 " + field + "（不超过" + max + "字）/ " + field + " is required (at most " + max + " characters)");
        }
        return value.strip();
    }
}
