package org.hemei.organization.internal;

import org.hemei.organization.Unit;
import org.springframework.data.repository.ListCrudRepository;

public interface UnitRepository extends ListCrudRepository<Unit, Long> {
}
