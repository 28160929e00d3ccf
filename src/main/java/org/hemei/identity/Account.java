package org.hemei.identity;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A person's account: roles, scope and a slow-hashed password. One aggregate with its roles and scopes. */
@Table("account")
public class Account {

    /** One row of the account's scope: a territory node (DIVISION) or a unit (UNIT). */
    @Table("account_scope")
    public record ScopeEntry(String kind, String ref) {
    }

    @Table("account_role")
    public record RoleEntry(String role) {
    }

    @Id
    private Long id;
    @Version
    private Integer version;
    private String username;
    private String displayName;
    private String passwordHash;
    private boolean enabled = true;
    private Instant createdAt = Instant.now();
    @MappedCollection(idColumn = "account_id")
    private Set<RoleEntry> roles = new HashSet<>();
    @MappedCollection(idColumn = "account_id")
    private Set<ScopeEntry> scopes = new HashSet<>();

    protected Account() {
    }

    public Account(String username, String displayName, String passwordHash) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
    }

    public Long getId() {
        return id;
    }

    public Integer getVersion() {
        return version;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<Role> roles() {
        return roles.stream().map(r -> Role.valueOf(r.role())).collect(Collectors.toSet());
    }

    public Scope scope() {
        Set<String> divisions = scopes.stream().filter(s -> s.kind().equals("DIVISION")).map(ScopeEntry::ref)
                .collect(Collectors.toSet());
        Set<Long> units = scopes.stream().filter(s -> s.kind().equals("UNIT")).map(s -> Long.valueOf(s.ref()))
                .collect(Collectors.toSet());
        return new Scope(divisions, units);
    }

    public Actor actor() {
        return new Actor(id, username, displayName, roles(), scope());
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    void assign(Set<Role> newRoles, Scope scope) {
        roles = newRoles.stream().map(r -> new RoleEntry(r.name())).collect(Collectors.toCollection(HashSet::new));
        scopes = new HashSet<>();
        scope.divisionCodes().forEach(c -> scopes.add(new ScopeEntry("DIVISION", c)));
        scope.unitIds().forEach(u -> scopes.add(new ScopeEntry("UNIT", u.toString())));
    }

    void changePassword(String hash) {
        this.passwordHash = hash;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    void expect(Integer version) {
        if (version != null && !version.equals(this.version)) {
            throw new org.springframework.dao.OptimisticLockingFailureException("account " + username + " changed");
        }
    }
}
