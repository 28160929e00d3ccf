package org.hemei.shell;

import java.util.ArrayList;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;

/** The menu a person sees: only what their roles may open. */
public final class Navigation {

    /** A menu entry; {@code hintKey} is the home page's line under it, which may differ by role. */
    public record Item(String path, String labelKey, String hintKey) {

        Item(String path, String labelKey) {
            this(path, labelKey, labelKey + ".hint");
        }
    }

    private Navigation() {
    }

    public static List<Item> forActor(Actor actor) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("/", "nav.home"));
        boolean staff = actor.roles().stream().anyMatch(Role::isStaff);
        if (actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER)) {
            items.add(new Item("/casework/board", "nav.board"));
        }
        if (actor.isAdmin() || actor.has(Role.DISPATCHER)) {
            items.add(new Item("/casework/intake", "nav.intake"));
            items.add(new Item("/casework/imports", "nav.imports"));
        }
        if (actor.isAdmin() || actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER)) {
            // a grid worker signs nothing: their inbox is the on-site checks and what they reported
            boolean gridOnly = !actor.isAdmin() && !actor.has(Role.UNIT_STAFF);
            items.add(new Item("/casework/inbox", "nav.inbox", gridOnly ? "nav.inbox.hint.grid" : "nav.inbox.hint"));
        }
        if (!staff || actor.has(Role.GRID_WORKER)) {
            items.add(new Item("/report", "nav.report"));
        }
        // only the person who raised a demand rates it
        items.add(new Item("/track", "nav.track", staff ? "nav.track.hint.staff" : "nav.track.hint"));
        if (staff) {
            items.add(new Item("/territory", "nav.territory"));
            items.add(new Item("/units", "nav.units"));
            items.add(new Item("/party-orgs", "nav.partyOrgs"));
            items.add(new Item("/duty", "nav.duty"));
            items.add(new Item("/duty/dispatch", "nav.dispatch"));
        }
        if (actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER) || actor.has(Role.UNIT_STAFF)) {
            items.add(new Item("/casework/kpis", "nav.kpis"));
        }
        if (actor.isAdmin() || actor.has(Role.PARTY_STAFF)) {
            items.add(new Item("/party-members", "nav.partyMembers"));
        }
        if (actor.isAdmin()) {
            items.add(new Item("/admin/accounts", "nav.accounts"));
            items.add(new Item("/admin/audit", "nav.audit"));
            items.add(new Item("/triage/models", "nav.triage"));
        }
        return items;
    }
}
