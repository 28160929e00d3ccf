package org.hemei.casework;

/** Emergency orders use the emergency time limits whatever their category. */
public enum Urgency {
    NORMAL, URGENT, EMERGENCY
}
