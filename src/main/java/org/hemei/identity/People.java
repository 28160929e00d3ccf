package org.hemei.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who did something, as pages show it: records keep the username (stable, what the audit needs), people read the
 * name. A staff account shows its display name; a resident's or courier's only its role, because their usernames
 * and names are personal data (a phone number, a real name) that staff pages have no need for. Used from
 * templates as {@code ${@people.name(username)}}.
 */
@Service("people")
public class People {

    private static final String MEMO = People.class.getName();

    private final JdbcClient jdbc;
    private final MessageSource messages;

    People(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /**
     * The name to show for a username; the username itself when no account has it (an API key; a stand-in written
     * "中文 / English" in the page's language).
     */
    public String name(String username) {
        if (username == null || username.isBlank()) return username;
        Map<String, String> memo = memo();
        String known = memo.get(username);
        if (known != null) return known;
        String name = lookUp(username);
        memo.put(username, name);
        return name;
    }

    private String lookUp(String username) {
        if (username.equals(Actor.SYSTEM.username())) return word("people.system");
        List<Map.Entry<String, Role>> rows = jdbc.sql("select a.display_name, r.role from account a"
                + " join account_role r on r.account_id = a.id where a.username = ?").param(username)
                .query((rs, i) -> Map.entry(rs.getString(1), Role.valueOf(rs.getString(2)))).list();
        if (rows.isEmpty()) return org.hemei.shared.Languages.pick(username); // e.g. "诉求人 / requester" for a hidden requester
        if (rows.stream().anyMatch(r -> r.getValue().isStaff())) return rows.get(0).getKey();
        return word("role." + (rows.stream().anyMatch(r -> r.getValue() == Role.COURIER) ? Role.COURIER : Role.RESIDENT));
    }

    private String word(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    /** One look-up per username per request: a timeline names the same few people many times. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> memo() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) return new HashMap<>();
        Object memo = request.getAttribute(MEMO, RequestAttributes.SCOPE_REQUEST);
        if (memo == null) {
            memo = new HashMap<String, String>();
            request.setAttribute(MEMO, memo, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<String, String>) memo;
    }
}
