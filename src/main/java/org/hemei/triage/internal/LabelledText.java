package org.hemei.triage.internal;

/** A message with the category an operator gave it: the unit of training and evaluation. */
public record LabelledText(String title, String body, String label) {

    public LabelledText {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
    }
}
