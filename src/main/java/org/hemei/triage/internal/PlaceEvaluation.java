package org.hemei.triage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hemei.triage.internal.Csv.CsvException;

/**
 * How well the gazetteer finds the handling street from a message alone, measured on replied messages: where the
 * official reply names exactly one street (…街道) of Changsha, that street is the truth; the message (title and
 * body with real district names) is located, and its best candidate at street level or below gives the
 * predicted street. Precision: correct / messages with a predicted street; recall: correct / messages with a truth.
 */
public final class PlaceEvaluation {

    private PlaceEvaluation() {
    }

    /** A message (title and body) and the official reply to it. */
    private record Replied(String text, String reply) {
    }

    public static Map<String, Object> run(Path replies) {
        String text;
        try {
            text = Files.readString(replies, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CsvException(replies.toString(), 0, "cannot read: " + e.getMessage());
        }
        List<Csv.Row> rows = Csv.parse(text, replies.toString());
        if (rows.isEmpty()) throw new CsvException(replies.toString(), 1, "the file is empty");
        List<String> header = rows.get(0).fields();
        int title = require(header, "title_named", replies, rows.get(0));
        int body = require(header, "body_named", replies, rows.get(0));
        int reply = header.indexOf("reply_named") >= 0 ? header.indexOf("reply_named") : require(header, "reply", replies, rows.get(0));

        List<Gazetteer.Place> places = DivisionFiles.places();
        Gazetteer gazetteer = Gazetteer.of(places);
        List<Gazetteer.Place> streets = places.stream()
                .filter(p -> p.kind() == Gazetteer.Kind.STREET && p.name().endsWith("街道")).toList();

        List<Replied> messages = new ArrayList<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().size() != header.size()) {
                throw new CsvException(replies.toString(), r.line(), "expected " + header.size() + " fields, found " + r.fields().size());
            }
            messages.add(new Replied(r.fields().get(title) + "\n" + r.fields().get(body), r.fields().get(reply)));
        }
        // Untimed warm-up: timed cold, the ~150 messages below would measure the JIT, not the gazetteer.
        for (Replied m : messages) gazetteer.locate(m.text(), 10);
        int withTruth = 0, severalStreets = 0, proposed = 0, correct = 0, districtCorrect = 0, districtProposed = 0;
        long nanos = 0;
        for (Replied m : messages) {
            String answer = m.reply();
            Set<String> named = new LinkedHashSet<>();
            for (Gazetteer.Place s : streets) if (answer.contains(s.name())) named.add(s.code());
            if (named.size() != 1) {
                if (named.size() > 1) severalStreets++;
                continue;
            }
            String truth = named.iterator().next();
            withTruth++;
            long start = System.nanoTime();
            List<Gazetteer.Candidate> candidates = gazetteer.locate(m.text(), 10);
            nanos += System.nanoTime() - start;
            String street = null;
            for (Gazetteer.Candidate c : candidates) {
                if (c.place().kind().ordinal() >= Gazetteer.Kind.STREET.ordinal()) {
                    street = c.place().code().substring(0, 9);
                    break;
                }
            }
            if (street != null) {
                proposed++;
                if (street.equals(truth)) correct++;
            }
            if (!candidates.isEmpty()) {
                districtProposed++;
                if (candidates.get(0).place().code().substring(0, 6).equals(truth.substring(0, 6))) districtCorrect++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", messages.size());
        out.put("with_one_street_in_reply", withTruth);
        out.put("skipped_several_streets_in_reply", severalStreets);
        out.put("street_proposed", proposed);
        out.put("street_correct", correct);
        out.put("street_precision", round(proposed == 0 ? 0 : (double) correct / proposed));
        out.put("street_recall", round(withTruth == 0 ? 0 : (double) correct / withTruth));
        out.put("district_precision", round(districtProposed == 0 ? 0 : (double) districtCorrect / districtProposed));
        out.put("district_recall", round(withTruth == 0 ? 0 : (double) districtCorrect / withTruth));
        out.put("ms_per_message_mean", round(withTruth == 0 ? 0 : nanos / 1e6 / withTruth));
        out.put("places", gazetteer.size());
        return out;
    }

    private static int require(List<String> header, String name, Path file, Csv.Row row) {
        int i = header.indexOf(name);
        if (i < 0) throw new CsvException(file.toString(), row.line(), "the header lacks the column " + name);
        return i;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
