package org.hemei.territory.internal;

import org.hemei.territory.CommunityProfile;
import org.springframework.data.repository.ListCrudRepository;

public interface CommunityProfileRepository extends ListCrudRepository<CommunityProfile, String> {
}
