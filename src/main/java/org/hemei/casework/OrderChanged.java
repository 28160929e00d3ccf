package org.hemei.casework;

/** Published after an order changes; live boards refresh on it. Carries the order to check who may see it. */
public record OrderChanged(WorkOrder order) {
}
