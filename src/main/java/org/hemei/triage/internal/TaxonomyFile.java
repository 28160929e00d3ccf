package org.hemei.triage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hemei.triage.internal.Csv.CsvException;

/**
 * A category tree (CSV with the columns level1, level2, level3) read as short labelled documents: each
 * second/third-level name pair is an example of its first-level category. Names such as 养老保险 or 校园安全 are the
 * category's own vocabulary, labelled for free.
 */
public final class TaxonomyFile {

    private TaxonomyFile() {
    }

    /** One document per row whose first level is among {@code labels} (a model cannot learn a category it has no messages of). */
    public static List<LabelledText> read(Path file, Set<String> labels) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CsvException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        List<Csv.Row> rows = Csv.parse(text, file.toString());
        if (rows.isEmpty()) throw new CsvException(file.toString(), 1, "the file is empty; expected a header with level1,level2,level3");
        List<String> header = rows.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int l1 = header.indexOf("level1"), l2 = header.indexOf("level2"), l3 = header.indexOf("level3");
        if (l1 < 0 || l2 < 0 || l3 < 0) throw new CsvException(file.toString(), 1, "the header must name level1, level2 and level3");
        List<LabelledText> out = new ArrayList<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().size() != header.size()) throw new CsvException(file.toString(), r.line(), "expected " + header.size() + " fields");
            String label = r.fields().get(l1).strip();
            if (labels.contains(label)) out.add(new LabelledText(r.fields().get(l2).strip(), r.fields().get(l3).strip(), label));
        }
        return out;
    }
}
