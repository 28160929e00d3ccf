package org.hemei.shared;

/** Checks a text against the column that keeps it, so a long one is refused (400, naming the field), not a 500. */
public final class Limits {

    private Limits() {
    }

    /**
     * The text as given; refused when longer than {@code max} characters. Null passes. {@code field}: the name people
     * read, Chinese then English ("地址 address"), each said in its half of the message.
     */
    public static String atMost(String value, int max, String field) {
        if (value != null && value.length() > max) {
            int space = field.indexOf(' ');
            String zh = space > 0 ? field.substring(0, space) : field;
            String en = space > 0 ? field.substring(space + 1) : field;
            throw DomainException.badRequest(zh + "最多 " + max + " 字（现为 " + value.length() + " 字）/ " + en
                    + " must be at most " + max + " characters (" + value.length() + " given)");
        }
        return value;
    }

    /** The text cut to {@code max} characters, for text the system keeps as it comes (a copied basis, a log line). */
    public static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
