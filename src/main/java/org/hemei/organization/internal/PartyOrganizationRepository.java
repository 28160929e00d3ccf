package org.hemei.organization.internal;

import org.hemei.organization.PartyOrganization;
import org.springframework.data.repository.ListCrudRepository;

public interface PartyOrganizationRepository extends ListCrudRepository<PartyOrganization, Long> {
}
