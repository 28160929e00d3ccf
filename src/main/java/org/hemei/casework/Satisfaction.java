package org.hemei.casework;

/** The requester's verdict at follow-up 回访. */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED
}
