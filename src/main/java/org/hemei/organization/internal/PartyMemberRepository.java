package org.hemei.organization.internal;

import org.hemei.organization.PartyMember;
import org.springframework.data.repository.ListCrudRepository;

public interface PartyMemberRepository extends ListCrudRepository<PartyMember, Long> {
}
