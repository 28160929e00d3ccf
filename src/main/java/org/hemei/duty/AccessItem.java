package org.hemei.duty;

/** One entry of the community lists; {@code batch} only for removed burdens, {@code source} LIST or APPLICATION. */
public record AccessItem(String code, String name, AccessKind kind, Integer batch, String basis, boolean active, String source) {
}
