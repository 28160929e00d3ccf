package org.hemei.duty;

import java.util.Comparator;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Who may send tasks to communities and apply for access: unit staff acting for a department 职能部门. */
@Component
class SendingDepartment {

    private final Units units;

    SendingDepartment(Units units) {
        this.units = units;
    }

    String name(long unitId) {
        return units.find(unitId).map(Unit::getName).orElse(null);
    }

    /** The department the current actor acts for (the first by id if several), else 403. */
    Unit current() {
        Actor actor = Actor.current();
        if (actor.has(Role.UNIT_STAFF)) {
            var unit = actor.scope().unitIds().stream().sorted(Comparator.naturalOrder()).map(units::find)
                    .flatMap(java.util.Optional::stream).filter(u -> u.getKind() == UnitKind.DEPARTMENT && u.isActive())
                    .findFirst();
            if (unit.isPresent()) return unit.get();
        }
        throw new AccessDeniedException("only department staff send tasks to communities / 仅职能部门工作人员可向社区派发任务");
    }
}
