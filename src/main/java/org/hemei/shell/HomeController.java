package org.hemei.shell;

import org.hemei.identity.Actor;
import org.hemei.identity.PublicEndpoint;
import org.hemei.identity.Role;
import org.hemei.identity.SignedIn;
import org.hemei.territory.CommunityProfiles;
import org.hemei.territory.Territory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in page and the home page, which differs by role. */
@Controller
class HomeController {

    private final Territory territory;
    private final CommunityProfiles profiles;
    private final org.hemei.casework.Calendars calendars;
    private final org.hemei.casework.Workload workload;

    HomeController(Territory territory, CommunityProfiles profiles, org.hemei.casework.Calendars calendars,
            org.hemei.casework.Workload workload) {
        this.territory = territory;
        this.profiles = profiles;
        this.calendars = calendars;
        this.workload = workload;
    }

    @PublicEndpoint
    @GetMapping("/login")
    String login() {
        return "login";
    }

    @SignedIn
    @GetMapping("/")
    String home(Model model) {
        Actor actor = Actor.current();
        model.addAttribute("role", actor.primaryRole().name());
        model.addAttribute("scopeDivisions", actor.scope().divisionCodes().stream().sorted()
                .map(territory::find).flatMap(java.util.Optional::stream).toList());
        if (actor.isAdmin() || actor.has(Role.DISPATCHER)) {
            calendars.missingYearWarning().ifPresent(w -> model.addAttribute("calendarWarning", w));
        }
        model.addAttribute("workload", workload.ofCurrent()); // what waits for them, first
        if (actor.roles().stream().anyMatch(Role::isStaff)) {
            // Each staff member's home leads with the resources of the territory they act for.
            model.addAttribute("rollups", actor.scope().divisionCodes().stream().sorted()
                    .filter(c -> c.length() <= 12 && territory.exists(c)).limit(3).map(profiles::rollup).toList());
        }
        return "home";
    }
}
