package org.hemei.organization;

/** Who a work order can be sent to. Labels: message bundle keys {@code unit.kind.*}. */
public enum UnitKind {
    DEPARTMENT, STREET_OFFICE, COMMUNITY_COMMITTEE, RESIDENT_UNIT, PROPERTY_COMPANY
}
