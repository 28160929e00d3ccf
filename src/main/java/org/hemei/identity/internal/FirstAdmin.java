package org.hemei.identity.internal;

import java.util.Set;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.AccountAdministration.AccountForm;
import org.hemei.identity.Accounts;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outside the demo, a new installation has no accounts: the first administrator is created from
 * {@code HEMEI_ADMIN_PASSWORD} on first start, and only then. Without it, start-up says how. A database the demo
 * ran on (its accounts known to everyone) is refused.
 */
@Component
@Profile("!demo")
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final Accounts accounts;
    private final AccountAdministration administration;
    private final String password;

    FirstAdmin(Accounts accounts, AccountAdministration administration, @Value("${hemei.admin.initial-password:}") String password) {
        this.accounts = accounts;
        this.administration = administration;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        // The demo's accounts have a published password and keys: outside the demo they must not sign anyone in.
        if (administration.findByApiKey("demo-admin").isPresent()) {
            throw new IllegalStateException("此数据库含演示账号（密码 demo、密钥 demo-*），不能在演示之外使用：请以 demo 配置启动，"
                    + "或换用新的数据库 / this database holds the demo's accounts (password demo, keys demo-*): start it with the"
                    + " demo profile, or use a new database");
        }
        if (accounts.count() > 0) return;
        if (password.isBlank()) {
            log.warn("No accounts yet: set HEMEI_ADMIN_PASSWORD and restart to create the first administrator 'admin'.");
            return;
        }
        administration.create(new AccountForm("admin", "系统管理员", password, Set.of(Role.ADMIN), Scope.city(), true, null));
        log.warn("Created the first administrator 'admin' from HEMEI_ADMIN_PASSWORD; change the password after signing in.");
    }
}
