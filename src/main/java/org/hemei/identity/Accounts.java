package org.hemei.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface Accounts extends ListCrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    /** Who to tell personally: the enabled accounts holding a role (e.g. every administrator). */
    @Query("select a.id from account a join account_role r on r.account_id = a.id where r.role = :role and a.enabled order by a.id")
    List<Long> enabledIdsWithRole(String role);

    /** The enabled accounts holding a role whose scope is exactly this division (e.g. a street's Party staff). */
    @Query("""
            select a.id from account a join account_role r on r.account_id = a.id and r.role = :role
            join account_scope s on s.account_id = a.id and s.kind = 'DIVISION' and s.ref = :divisionCode
            where a.enabled order by a.id""")
    List<Long> enabledIdsWithRoleScopedTo(String role, String divisionCode);
}
