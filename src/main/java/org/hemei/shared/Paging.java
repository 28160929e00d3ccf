package org.hemei.shared;

import java.util.List;

/** One page of a list: every list in Hemei pages, on screen and in the API. */
public record Paging<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    /** At least one: an empty list is still "page 1 of 1" on screen. */
    public int pages() {
        return size == 0 || total == 0 ? 1 : (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    /** Clamps user-supplied paging so nobody can ask for a million rows at once. */
    public static int size(Integer requested) {
        if (requested == null || requested < 1) return 20;
        return Math.min(requested, MAX_SIZE);
    }

    public static int page(Integer requested) {
        return requested == null || requested < 0 ? 0 : requested;
    }
}
