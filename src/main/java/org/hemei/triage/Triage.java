package org.hemei.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hemei.shared.DomainException;
import org.hemei.territory.Division;
import org.hemei.territory.Grids;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.hemei.triage.internal.Gazetteer;
import org.hemei.triage.internal.Model;
import org.hemei.triage.internal.ModelStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Triage of a demand's text, as pure functions over the active category model and the gazetteer: which category
 * it belongs to ({@link #classify}) and where it is ({@link #locate}). Casework calls these at intake.
 */
@Service
public class Triage {

    private record Loaded(long id, int version, Model model, long checkedAt) {
    }

    private record Places(Gazetteer gazetteer, int divisions, long builtAt) {
    }

    /** How often the active model and the gazetteer are checked for changes made elsewhere (another instance). */
    private static final long RECHECK_MILLIS = 60_000;

    private final ModelStore store;
    private final Territory territory;
    private final Grids grids;
    private final double unsureBelow;
    private final AtomicReference<Loaded> model = new AtomicReference<>();
    private final AtomicReference<Places> places = new AtomicReference<>();

    Triage(ModelStore store, Territory territory, Grids grids, @Value("${hemei.triage.unsure-below:0.5}") double unsureBelow) {
        this.store = store;
        this.territory = territory;
        this.grids = grids;
        this.unsureBelow = unsureBelow;
    }

    /** The category of a message, with its confidence, the top three and the words that weighed most. */
    public Classification classify(String title, String body) {
        if ((title == null || title.isBlank()) && (body == null || body.isBlank())) {
            throw DomainException.badRequest("标题和内容不能都为空 / title or body is required");
        }
        if ((title == null ? 0 : title.length()) + (body == null ? 0 : body.length()) > 50_000) {
            throw DomainException.badRequest("文本过长 / title and body longer than 50,000 characters");
        }
        Loaded m = activeModel();
        Model.Prediction p = m.model().predict(title == null ? "" : title, body == null ? "" : body);
        boolean unsure = p.confidence() < unsureBelow;
        List<Classification.Score> top = p.top().stream().map(s -> new Classification.Score(s.label(), round(s.probability()))).toList();
        return new Classification(unsure ? null : p.label(), round(p.confidence()), top, p.words(), unsure, m.version());
    }

    /** Places the text names, most confident and most specific first (at most ten). */
    public List<PlaceCandidate> locate(String text) {
        if (text == null || text.isBlank()) throw DomainException.badRequest("文本不能为空 / text is required");
        if (text.length() > 20_000) throw DomainException.badRequest("文本过长 / text longer than 20,000 characters");
        return gazetteer().locate(text, 10).stream()
                .map(c -> new PlaceCandidate(c.place().code(), c.place().kind().name().toLowerCase(), c.place().name(),
                        c.confidence(), c.matched()))
                .toList();
    }

    /** Called when the active model changes, so the next request loads it. */
    void forgetModel() {
        model.set(null);
    }

    /** Called when divisions or compounds change, so the next request rebuilds the gazetteer. */
    public void forgetPlaces() {
        places.set(null);
    }

    private Loaded activeModel() {
        Loaded m = model.get();
        long now = System.currentTimeMillis();
        if (m != null && now - m.checkedAt() < RECHECK_MILLIS) return m;
        ModelStore.Row active = store.active().orElseThrow(() -> new DomainException(HttpStatus.CONFLICT,
                "尚无启用的分类模型，请管理员先训练并启用 / no category model is active yet: an administrator must train and activate one"));
        Loaded loaded = m != null && m.id() == active.id()
                ? new Loaded(m.id(), m.version(), m.model(), now)
                : new Loaded(active.id(), active.modelVersion(), Model.fromBytes(store.bytes(active.id())), now);
        model.set(loaded);
        return loaded;
    }

    private Gazetteer gazetteer() {
        Places p = places.get();
        long now = System.currentTimeMillis();
        if (p != null && p.divisions() == territory.size() && now - p.builtAt() < RECHECK_MILLIS) return p.gazetteer();
        List<Gazetteer.Place> all = new ArrayList<>();
        for (Level level : List.of(Level.DISTRICT, Level.STREET, Level.COMMUNITY)) {
            Gazetteer.Kind kind = Gazetteer.Kind.valueOf(level.name());
            for (Division d : territory.all(level)) all.add(new Gazetteer.Place(d.code(), kind, d.name()));
        }
        for (Grids.Compound c : grids.allCompounds()) all.add(new Gazetteer.Place(c.communityCode(), Gazetteer.Kind.COMPOUND, c.name()));
        Gazetteer g = Gazetteer.of(all);
        places.set(new Places(g, territory.size(), now));
        return g;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
