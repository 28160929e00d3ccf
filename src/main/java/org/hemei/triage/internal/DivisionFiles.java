package org.hemei.triage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Changsha's divisions straight from the CSV files the territory module ships on the class path, for the command
 * line, which runs without the application (and so without {@code Territory}).
 */
public final class DivisionFiles {

    private static final String DIR = "territory/divisions/";

    private DivisionFiles() {
    }

    public static List<Gazetteer.Place> places() {
        List<Gazetteer.Place> out = new ArrayList<>();
        for (List<String> r : read("changsha-districts.csv")) out.add(new Gazetteer.Place(r.get(0), Gazetteer.Kind.DISTRICT, r.get(1)));
        for (List<String> r : read("changsha-streets.csv")) out.add(new Gazetteer.Place(r.get(0), Gazetteer.Kind.STREET, r.get(1)));
        for (List<String> r : read("changsha-communities.csv")) out.add(new Gazetteer.Place(r.get(0), Gazetteer.Kind.COMMUNITY, r.get(1)));
        return out;
    }

    private static List<List<String>> read(String file) {
        try (InputStream in = DivisionFiles.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) throw new IllegalStateException("missing class path resource " + DIR + file);
            List<Csv.Row> rows = Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DIR + file);
            return rows.subList(1, rows.size()).stream().map(Csv.Row::fields).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
