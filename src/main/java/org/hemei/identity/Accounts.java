package org.hemei.identity;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface Accounts extends ListCrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);
}
