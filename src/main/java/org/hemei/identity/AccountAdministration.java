package org.hemei.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.shared.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Creating and changing accounts and their API keys; every change is audited. */
@Service
public class AccountAdministration {

    public record AccountForm(String username, String displayName, String password, Set<Role> roles, Scope scope,
            boolean enabled, Integer version) {
    }

    public record AccountRow(long id, String username, String displayName, boolean enabled, String roles, String scopes) {
    }

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    /**
     * Live API keys resolved in the last {@link #KEY_TTL_NANOS}: every API request is signed in by its key, and loading
     * the account (roles, scope) each time cost three queries. Any account or key change made here empties the cache
     * (at once and again after commit); another instance's change is seen within 5 s. Unknown keys are never cached.
     */
    private static final long KEY_TTL_NANOS = 5_000_000_000L;
    private static final int KEY_CACHE_MAX = 10_000;
    private record ResolvedKey(Account account, long until) {
    }
    private final Map<String, ResolvedKey> liveKeys = new ConcurrentHashMap<>();
    /** Signed-in sessions are checked against their account on each request: the same cache, by account id. */
    private final Map<Long, ResolvedKey> liveAccounts = new ConcurrentHashMap<>();

    public AccountAdministration(Accounts accounts, PasswordEncoder passwords, JdbcClient jdbc, AuditLog audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public Account create(AccountForm form) {
        validate(form, true);
        if (accounts.findByUsername(form.username()).isPresent()) {
            throw DomainException.conflict("用户名已存在 / username already taken: " + form.username());
        }
        Account account = new Account(form.username().strip(), form.displayName().strip(), passwords.encode(form.password()));
        account.assign(form.roles(), form.scope());
        account.enable(form.enabled());
        forgetKeys();
        account = accounts.save(account);
        audit.record("ACCOUNT_CREATED", "account:" + account.getUsername(), describe(form));
        return account;
    }

    @Transactional
    public Account update(long id, AccountForm form) {
        validate(form, false);
        DomainException.requireVersion(form.version()); // roles, scope and password are not overwritten unseen
        Account account = get(id);
        account.expect(form.version());
        account.rename(form.displayName().strip());
        account.assign(form.roles(), form.scope());
        account.enable(form.enabled());
        if (form.password() != null && !form.password().isBlank()) {
            account.changePassword(passwords.encode(form.password()));
        }
        forgetKeys();
        account = accounts.save(account);
        audit.record("ACCOUNT_CHANGED", "account:" + account.getUsername(), describe(form));
        return account;
    }

    public Account get(long id) {
        return accounts.findById(id).orElseThrow(() -> DomainException.notFound("账号不存在 / no account " + id));
    }

    public Optional<Account> find(String username) {
        return accounts.findByUsername(username);
    }

    public Paging<AccountRow> page(String q, int page, int size) {
        String like = q == null || q.isBlank() ? "%" : "%" + q.strip() + "%";
        List<AccountRow> rows = jdbc.sql("""
                select a.id, a.username, a.display_name, a.enabled,
                  (select string_agg(r.role, ',' order by r.role) from account_role r where r.account_id = a.id) as roles,
                  (select string_agg(s.kind || ':' || s.ref, ',' order by s.ref) from account_scope s where s.account_id = a.id) as scopes
                from account a where a.username like :q or a.display_name like :q
                order by a.username limit :size offset :offset""")
                .param("q", like).param("size", size).param("offset", (long) page * size)
                .query(AccountRow.class).list();
        long total = jdbc.sql("select count(*) from account a where a.username like :q or a.display_name like :q")
                .param("q", like).query(Long.class).single();
        return new Paging<>(rows, page, size, total);
    }

    /** Issues a new random API key and returns it once; only its SHA-256 is stored. */
    @Transactional
    public String issueApiKey(long accountId, String label) {
        Limits.atMost(label, 80, "label");
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String key = "hm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        storeApiKey(accountId, key, label);
        return key;
    }

    /** Stores a known key (demo profile's {@code demo-<name>} keys). */
    @Transactional
    public void storeApiKey(long accountId, String key, String label) {
        Account account = get(accountId);
        jdbc.sql("insert into api_key(account_id, key_hash, label, created_at) values (?, ?, ?, ?)")
                .params(accountId, sha256(key), label, OffsetDateTime.now(ZoneOffset.UTC)).update();
        audit.record("API_KEY_ISSUED", "account:" + account.getUsername(), label);
    }

    @Transactional
    public void revokeApiKeys(long accountId) {
        Account account = get(accountId);
        forgetKeys();
        jdbc.sql("update api_key set revoked_at = ? where account_id = ? and revoked_at is null")
                .params(OffsetDateTime.now(ZoneOffset.UTC), accountId).update();
        audit.record("API_KEYS_REVOKED", "account:" + account.getUsername(), null);
    }

    /** The account holding a live API key, if any. */
    public Optional<Account> findByApiKey(String key) {
        String hash = sha256(key);
        return cached(liveKeys, hash, () -> jdbc.sql("select account_id from api_key where key_hash = ? and revoked_at is null")
                .param(hash).query(Long.class).optional().flatMap(accounts::findById));
    }

    /** The account as it is now (cached as the keys are), for re-checking a session signed in earlier. */
    public Optional<Account> findLive(long accountId) {
        return cached(liveAccounts, accountId, () -> accounts.findById(accountId));
    }

    /** A live entry of the cache, else loaded and kept for {@link #KEY_TTL_NANOS}; what is not found is never kept. */
    private static <K> Optional<Account> cached(Map<K, ResolvedKey> cache, K key,
            java.util.function.Supplier<Optional<Account>> load) {
        long now = System.nanoTime();
        ResolvedKey known = cache.get(key);
        if (known != null && now - known.until() < 0) return Optional.of(known.account());
        Optional<Account> account = load.get();
        if (account.isPresent()) {
            if (cache.size() >= KEY_CACHE_MAX) cache.clear();
            cache.put(key, new ResolvedKey(account.get(), now + KEY_TTL_NANOS));
        } else {
            cache.remove(key);
        }
        return account;
    }

    /** Empties the key and account caches now and, inside a transaction, once more after it commits. */
    private void forgetKeys() {
        liveKeys.clear();
        liveAccounts.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    liveKeys.clear();
                    liveAccounts.clear();
                }
            });
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void validate(AccountForm form, boolean creating) {
        if (form.username() == null || !form.username().strip().matches("[A-Za-z0-9._-]{2,40}")) {
            throw DomainException.badRequest("用户名须为 2–40 位字母、数字、点、下划线或连字符 / username must be 2–40 letters, digits, '.', '_' or '-'");
        }
        if (form.displayName() == null || form.displayName().isBlank()) {
            throw DomainException.badRequest("请填写姓名 / display name is required");
        }
        Limits.atMost(form.displayName().strip(), 80, "姓名 displayName");
        if (creating && (form.password() == null || form.password().length() < 4)) {
            throw DomainException.badRequest("密码至少 4 位 / password needs at least 4 characters");
        }
        // bcrypt reads at most 72 bytes (24 Chinese characters)
        if (form.password() != null && form.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw DomainException.badRequest("密码最长 72 字节（约 24 个汉字或 72 个字母数字）/ a password is at most 72 bytes");
        }
        if (form.roles() == null || form.roles().isEmpty()) {
            throw DomainException.badRequest("至少选择一个角色 / choose at least one role");
        }
        // staff act for a territory or a unit: without one an account opens only empty pages
        boolean unscoped = form.scope().divisionCodes().isEmpty() && form.scope().unitIds().isEmpty();
        if (unscoped && form.roles().stream().anyMatch(r -> r.isStaff() && r != Role.ADMIN)) {
            throw DomainException.badRequest("工作人员须填写辖区或所属单位 / staff need a territory or a unit to act for");
        }
        for (String code : form.scope().divisionCodes()) {
            if (!code.matches("\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
                throw DomainException.badRequest("辖区代码无效 / invalid scope code: " + code);
            }
        }
    }

    private static String describe(AccountForm form) {
        return "roles=" + form.roles() + " scope=" + form.scope().divisionCodes() + " units=" + form.scope().unitIds()
                + " enabled=" + form.enabled();
    }
}
