package org.hemei.casework;

/** Where a work order stands. Labels: message keys {@code order.status.*}. */
public enum Status {
    RECEIVED, REGISTERED, DISPATCHED, SIGNED, IN_PROGRESS, HANDLED, VERIFIED, RETURN_REQUESTED, SUSPENDED, FOLLOWED_UP,
    CLOSED, MERGED, INVALID;

    public boolean isOpen() {
        return this != CLOSED && this != MERGED && this != INVALID;
    }
}
