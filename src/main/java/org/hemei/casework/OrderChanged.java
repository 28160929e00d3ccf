package org.hemei.casework;

/**
 * Published after an order changes; live boards refresh on it. Carries the order to check who may see it, and the
 * step that changed it (null when not known).
 */
public record OrderChanged(WorkOrder order, WorkOrder.Step step) {
}
