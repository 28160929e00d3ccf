package org.hemei.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/** Who may call an endpoint: Government and Party staff: not residents or couriers. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
@PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','UNIT_STAFF','GRID_WORKER','LEADER','PARTY_STAFF')")
public @interface Staff {
}
