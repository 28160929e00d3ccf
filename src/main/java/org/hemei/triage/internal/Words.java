package org.hemei.triage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Chinese words by Lucene's smartcn segmenter (a hidden Markov model over a bundled dictionary). */
final class Words {

    // No stop words: punctuation never reaches here (the text is normalised first) and short function words
    // are weighed down by IDF anyway. The analyzer is thread-safe (per-thread token streams).
    private static final Analyzer ANALYZER = new SmartChineseAnalyzer(CharArraySet.EMPTY_SET);

    private Words() {
    }

    static void segment(String text, Consumer<String> sink) {
        if (text.isBlank()) return;
        try (TokenStream ts = ANALYZER.tokenStream("t", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 0 && !(term.length() == 1 && term.charAt(0) == ' ')) sink.accept(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
