package org.hemei.casework;

/** How a demand came in: every channel makes the same kind of work order. */
public enum Channel {
    HOTLINE, WEB, GRID_PATROL, COURIER, OPEN311, IMPORT
}
