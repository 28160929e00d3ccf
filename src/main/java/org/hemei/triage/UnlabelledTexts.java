package org.hemei.triage;

import java.util.List;

/**
 * Texts another module holds without a confirmed category, such as the demands casework receives: material the
 * next category model learns its word vectors from, beside the unlabelled messages an administrator uploads. The
 * words residents use alike (漏水/渗水) are learnt from every demand received, not only from the few labelled ones.
 */
public interface UnlabelledTexts {

    /** A demand's title (may be empty) and text. */
    record Text(String title, String body) {
    }

    /** Where the texts come from, as stored in the model's metrics ({@code unlabelled_<source>}). */
    String source();

    /** At most {@code limit} texts, newest first. */
    List<Text> newest(int limit);
}
