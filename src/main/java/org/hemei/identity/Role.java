package org.hemei.identity;

/** What a person does in Hemei; each account has one or more. Labels live in the message bundles (role.*). */
public enum Role {
    ADMIN, DISPATCHER, UNIT_STAFF, GRID_WORKER, LEADER, PARTY_STAFF, RESIDENT, COURIER;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Government and Party staff: everyone who works cases or reads the directories, not the public. */
    public boolean isStaff() {
        return this != RESIDENT && this != COURIER;
    }
}
