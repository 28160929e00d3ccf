package org.hemei.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hemei.shared.Paging;
import org.hemei.shared.Limits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Append-only record of sign-ins, changes and every reveal of personal data. */
@Service
public class AuditLog {

    public record Entry(long id, OffsetDateTime at, String actor, String action, String subject, String detail, String ip) {
    }

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String action, String subject, String detail) {
        record(Actor.current().username(), action, subject, detail);
    }

    public void record(String actor, String action, String subject, String detail) {
        jdbc.sql("insert into audit_event(at, actor, action, subject, detail, ip) values (?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), actor, action, Limits.clip(subject, 200), Limits.clip(detail, 1000), clientIp())
                .update();
    }

    public Paging<Entry> page(String actorOrAction, int page, int size) {
        String like = actorOrAction == null || actorOrAction.isBlank() ? "%" : "%" + actorOrAction.strip() + "%";
        List<Entry> items = jdbc.sql("""
                select id, at, actor, action, subject, detail, ip from audit_event
                where actor like :q or action like :q or subject like :q
                order by id desc limit :size offset :offset""")
                .param("q", like).param("size", size).param("offset", (long) page * size)
                .query(Entry.class).list();
        long total = jdbc.sql("select count(*) from audit_event where actor like :q or action like :q or subject like :q")
                .param("q", like).query(Long.class).single();
        return new Paging<>(items, page, size, total);
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
