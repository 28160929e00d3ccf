package org.hemei.triage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.hemei.triage.internal.Csv.CsvException;
import org.hemei.triage.internal.Folds;
import org.hemei.triage.internal.LabelledFile;
import org.hemei.triage.internal.LabelledText;
import org.hemei.triage.internal.Metrics;
import org.hemei.triage.internal.Model;
import org.hemei.triage.internal.PlaceEvaluation;
import org.hemei.triage.internal.SelfTraining;
import org.hemei.triage.internal.TaxonomyFile;
import org.hemei.triage.internal.Trainer;
import org.hemei.triage.internal.Vectorizer;
import org.hemei.triage.internal.WordVectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar hemei.jar triage <command> ...}: evaluation and benchmarks of the triage models, run without
 * starting the application (no Spring, no database). Prints one JSON line on standard output; a bad file or
 * argument prints a message naming it (and the line) on standard error and exits with status 2.
 * The commands and their options, with the defaults, are in {@link #USAGE}.
 */
public final class TriageCommand {

    static final String USAGE = """
            usage: triage evaluate --train TRAIN.csv --test TEST.csv [--unlabelled A.csv,B.csv | none] [options]
                   triage cross-validate --data FILE [--folds 5] [--seed 42 | --seeds 42,1,2,3] [--unlabelled A.csv,B.csv] [--taxonomy FILE] [options]
                   triage train-speed --data FILE [--unlabelled A.csv,B.csv] [--self-train true] [--size 10000]
                   triage evaluate-places --replies replies.csv
            CSV/xlsx with a header naming title, body and label (other columns ignored), UTF-8.
            evaluate without --unlabelled reads messages.csv and replies.csv beside TRAIN.csv when they are there.
            self-training: --min-confidence 0.9  --per-class 1  --max-similarity 0.5  --replies true|false  --rounds 1
            word vectors: --vectors true|false  --vector-dim 300  --vector-weight 0.8  --vector-window 10  --vector-min-count 3
            options: --tune-bias true|false  --ngrams 1-3  --words true|false  --balanced true|false  --loss squared|squared-hinge  --title-weight 1.0  --min-df 2  --c 15  --no-sublinear  --unsure-below 0.5""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TriageCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command on standard output and error (UTF-8); returns the exit status. */
    public static int run(String[] args) {
        return run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8), new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }

    /** Runs a command; returns the exit status (0 ok, 2 bad input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        List<String> given = List.of(args);
        if (given.get(0).equals("help") || given.contains("--help") || given.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Map<String, String> opts = options(Arrays.copyOfRange(args, 1, args.length));
            Map<String, Object> result = switch (args[0]) {
                case "evaluate" -> evaluate(opts, err);
                case "cross-validate" -> crossValidate(opts);
                case "train-speed" -> trainSpeed(opts);
                case "evaluate-places" -> PlaceEvaluation.run(Path.of(required(opts, "replies")));
                default -> throw new IllegalArgumentException("unknown command: " + args[0]);
            };
            out.println(JSON.writeValueAsString(result));
            return 0;
        } catch (CsvException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument: " + a);
            String name = a.substring(2);
            if (name.equals("no-sublinear")) {
                opts.put(name, "true");
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
            opts.put(name, args[++i]);
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) throw new IllegalArgumentException("missing --" + name);
        return v;
    }

    private static double number(Map<String, String> opts, String name, double fallback) {
        String v = opts.get(name);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + v);
        }
    }

    static Trainer.Options trainerOptions(Map<String, String> opts) {
        Trainer.Options d = Trainer.Options.DEFAULT;
        Vectorizer.Settings f = d.features();
        int minN = f.minN(), maxN = f.maxN();
        if (opts.containsKey("ngrams")) {
            String[] r = opts.get("ngrams").split("-");
            try {
                minN = Integer.parseInt(r[0]);
                maxN = Integer.parseInt(r[r.length - 1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ngrams must look like 1-3");
            }
        }
        Vectorizer.Settings features = new Vectorizer.Settings(minN, maxN, number(opts, "title-weight", f.titleWeight()),
                (int) number(opts, "min-df", f.minDf()), !opts.containsKey("no-sublinear"),
                opts.containsKey("words") ? Boolean.parseBoolean(opts.get("words")) : f.words());
        boolean balanced = opts.containsKey("balanced") ? Boolean.parseBoolean(opts.get("balanced")) : d.balanced();
        Trainer.Loss loss = opts.containsKey("loss") ? loss(opts.get("loss")) : d.loss();
        boolean tuneBias = opts.containsKey("tune-bias") ? Boolean.parseBoolean(opts.get("tune-bias")) : d.tuneBias();
        return new Trainer.Options(features, number(opts, "c", d.c()), balanced, loss, d.maxEpochs(), d.calibrationFolds(),
                number(opts, "unsure-below", d.unsureBelow()), (long) number(opts, "seed", d.seed()), tuneBias, wordVectors(opts, d.vectors()));
    }

    private static Trainer.Loss loss(String name) {
        return switch (name) {
            case "squared" -> Trainer.Loss.SQUARED;
            case "squared-hinge" -> Trainer.Loss.SQUARED_HINGE;
            default -> throw new IllegalArgumentException("--loss must be squared or squared-hinge, got " + name);
        };
    }

    /** {@code --vectors false} turns word vectors off; the other options change their settings. */
    private static WordVectors.Settings wordVectors(Map<String, String> opts, WordVectors.Settings d) {
        if (!Boolean.parseBoolean(opts.getOrDefault("vectors", "true"))) return null;
        return new WordVectors.Settings((int) number(opts, "vector-dim", d.dimension()), (int) number(opts, "vector-window", d.window()),
                (int) number(opts, "vector-min-count", d.minCount()), number(opts, "vector-weight", d.weight()));
    }

    static Map<String, Object> evaluate(Map<String, String> opts, PrintStream err) {
        Path trainFile = Path.of(required(opts, "train"));
        List<LabelledText> train = LabelledFile.read(trainFile);
        List<LabelledText> test = LabelledFile.read(Path.of(required(opts, "test")));
        if (!opts.containsKey("unlabelled")) besideTraining(trainFile, err).ifPresent(files -> opts.put("unlabelled", files));
        if ("none".equals(opts.get("unlabelled"))) opts.remove("unlabelled");
        // unlabelled messages resembling a test message are dropped too: the test text must stay unseen
        List<LabelledText> seen = new ArrayList<>(train);
        seen.addAll(test);
        SelfTraining.Settings selfTraining = selfTraining(opts);
        List<SelfTraining.Unlabelled> unlabelled = unlabelled(opts, seen, selfTraining);
        long start = System.nanoTime();
        Model model = SelfTraining.train(train, unlabelled, trainerOptions(opts), selfTraining);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (LabelledText t : test) {
            truth.add(t.label());
            predicted.add(model.predict(t.title(), t.body()).label()); // also warms the JIT before timing
        }
        Metrics m = Metrics.of(truth, predicted);
        double[] ms = latencies(model, test);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", round(m.accuracy()));
        out.put("macro_f1", round(m.macroF1()));
        out.put("per_class", perClass(m));
        out.put("train_seconds", round(trainSeconds));
        out.put("ms_per_message_p50", round(percentile(ms, 50)));
        out.put("ms_per_message_p99", round(percentile(ms, 99)));
        if (opts.containsKey("unlabelled")) out.put("unlabelled_used", unlabelled.size());
        return out;
    }

    /**
     * The unlabelled messages of the training file's own source, {@code messages.csv} and {@code replies.csv} in its
     * folder (as TIPDM ships them): the platform trains with the demands it has received beside the labelled ones, and
     * evaluate does the same with what the source offers. Says on standard error what it found.
     */
    static Optional<String> besideTraining(Path trainFile, PrintStream err) {
        Path folder = trainFile.toAbsolutePath().getParent();
        List<String> found = Stream.of("messages.csv", "replies.csv").map(folder::resolve)
                .filter(p -> Files.isReadable(p) && !p.equals(trainFile.toAbsolutePath())).map(Path::toString).toList();
        if (found.isEmpty()) {
            err.println("unlabelled messages: none beside " + trainFile + " (no messages.csv or replies.csv there); word vectors learn from the training file alone");
            return Optional.empty();
        }
        err.println("unlabelled messages: " + String.join(", ", found) + " (--unlabelled none to leave them out)");
        return Optional.of(String.join(",", found));
    }

    /** Milliseconds per message of a full prediction (category, top three, words), one thread, after a warm-up. */
    static double[] latencies(Model model, List<LabelledText> messages) {
        for (int i = 0; i < Math.max(3000, 3 * messages.size()); i++) {
            LabelledText t = messages.get(i % messages.size());
            model.predict(t.title(), t.body());
        }
        double[] ms = new double[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            LabelledText t = messages.get(i);
            long s = System.nanoTime();
            model.predict(t.title(), t.body());
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        return ms;
    }

    /**
     * k-fold cross-validation, over one fold shuffle ({@code --seed}) or several ({@code --seeds 42,1,2,3}). With
     * {@code --unlabelled}, each fold's model is self-trained on those messages (pseudo-labelled by a model of the
     * fold's training part only); messages resembling any labelled one are dropped first so no test message leaks.
     * With {@code --taxonomy}, the category tree's names are added to every fold's training part.
     */
    static Map<String, Object> crossValidate(Map<String, String> opts) {
        List<LabelledText> data = LabelledFile.read(Path.of(required(opts, "data")));
        int k = (int) number(opts, "folds", 5);
        Trainer.Options options = trainerOptions(opts);
        SelfTraining.Settings selfTraining = selfTraining(opts);
        List<SelfTraining.Unlabelled> unlabelled = unlabelled(opts, data, selfTraining);
        List<LabelledText> taxonomy = opts.containsKey("taxonomy")
                ? TaxonomyFile.read(Path.of(opts.get("taxonomy")), new java.util.TreeSet<>(data.stream().map(LabelledText::label).toList()))
                : List.of();
        List<Long> seeds = opts.containsKey("seeds")
                ? Arrays.stream(opts.get("seeds").split(",")).map(x -> (long) number(Map.of("seeds", x.strip()), "seeds", 0)).toList()
                : List.of(options.seed());
        List<Double> f1 = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        Map<String, Object> perSeed = new LinkedHashMap<>();
        int sure = 0, sureCorrect = 0, total = 0;
        long start = System.nanoTime();
        for (long seed : seeds) {
            List<Double> seedF1 = new ArrayList<>();
            for (Folds.Split split : Folds.stratified(data, k, seed)) {
                List<LabelledText> train = new ArrayList<>(split.train());
                train.addAll(taxonomy);
                Model model = SelfTraining.train(train, unlabelled, options, selfTraining);
                List<String> truth = new ArrayList<>();
                List<String> predicted = new ArrayList<>();
                for (LabelledText t : split.test()) {
                    Model.Prediction p = model.predict(t.title(), t.body());
                    truth.add(t.label());
                    predicted.add(p.label());
                    total++;
                    if (!p.unsure()) {
                        sure++;
                        if (p.label().equals(t.label())) sureCorrect++;
                    }
                }
                Metrics m = Metrics.of(truth, predicted);
                seedF1.add(m.macroF1());
                acc.add(m.accuracy());
                for (double x : latencies(model, split.test())) ms.add(x);
            }
            f1.addAll(seedF1);
            perSeed.put(String.valueOf(seed), round(mean(seedF1)));
        }
        double[] all = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folds", k);
        out.put("messages", data.size());
        out.put("macro_f1_mean", round(mean(f1)));
        out.put("macro_f1_sd", round(sd(f1)));
        out.put("accuracy_mean", round(mean(acc)));
        out.put("macro_f1_per_fold", f1.stream().map(TriageCommand::round).toList());
        if (seeds.size() > 1) out.put("macro_f1_per_seed", perSeed);
        out.put("unlabelled_used", unlabelled.size());
        out.put("taxonomy_documents", taxonomy.size());
        out.put("unsure_rate", round(1 - (double) sure / total));
        out.put("accuracy_when_sure", round(sure == 0 ? 0 : (double) sureCorrect / sure));
        out.put("ms_per_message_p50", round(percentile(all, 50)));
        out.put("ms_per_message_p99", round(percentile(all, 99)));
        out.put("seconds", round((System.nanoTime() - start) / 1e9));
        out.put("settings", Map.of("features", options.features().toString(), "c", options.c(), "loss", options.loss().toString(),
                "unsure_below", options.unsureBelow(), "vectors", String.valueOf(options.vectors()), "self_training", selfTraining.toString()));
        return out;
    }

    static SelfTraining.Settings selfTraining(Map<String, String> opts) {
        SelfTraining.Settings d = SelfTraining.Settings.DEFAULT;
        return new SelfTraining.Settings(number(opts, "min-confidence", d.minConfidence()), number(opts, "max-similarity", d.maxSimilarity()),
                number(opts, "per-class", d.perClass()), opts.containsKey("replies") ? Boolean.parseBoolean(opts.get("replies")) : d.replies(),
                (int) number(opts, "rounds", d.rounds()));
    }

    /** The {@code --unlabelled} files' messages, less those resembling a labelled message (or each other). */
    static List<SelfTraining.Unlabelled> unlabelled(Map<String, String> opts, List<LabelledText> labelled, SelfTraining.Settings settings) {
        if (!opts.containsKey("unlabelled")) return List.of();
        List<SelfTraining.Unlabelled> raw = new ArrayList<>();
        for (String file : opts.get("unlabelled").split(",")) raw.addAll(LabelledFile.unlabelled(Path.of(file.strip())));
        return SelfTraining.unseen(raw, labelled, settings.maxSimilarity());
    }

    /**
     * Training time on a larger set: the labelled file, plus the unlabelled files' messages labelled by a model
     * trained on it, topped up to {@code --size} with copies of random messages whose sentences are shuffled.
     */
    static Map<String, Object> trainSpeed(Map<String, String> opts) {
        List<LabelledText> data = LabelledFile.read(Path.of(required(opts, "data")));
        int size = (int) number(opts, "size", 10000);
        List<LabelledText> pool = new ArrayList<>(data);
        int pseudo = 0;
        boolean selfTrain = Boolean.parseBoolean(opts.getOrDefault("self-train", "false"));
        if (opts.containsKey("unlabelled") && !selfTrain) {
            Model teacher = Trainer.train(data, Trainer.Options.DEFAULT.withoutCalibration());
            for (String file : opts.get("unlabelled").split(",")) {
                for (LabelledText t : LabelledFile.read(Path.of(file), false)) {
                    if (pool.size() >= size) break;
                    pool.add(new LabelledText(t.title(), t.body(), teacher.predict(t.title(), t.body()).label()));
                    pseudo++;
                }
            }
        }
        Random random = new Random(7);
        int real = pool.size();
        while (pool.size() < size) {
            LabelledText t = pool.get(random.nextInt(real));
            List<String> sentences = new ArrayList<>(Arrays.asList(t.body().split("(?<=[。！？；])")));
            Collections.shuffle(sentences, random);
            pool.add(new LabelledText(t.title(), String.join("", sentences), t.label()));
        }
        Trainer.Options options = trainerOptions(opts);
        long start = System.nanoTime();
        // with --self-train, the unlabelled files are what the platform self-trains on (as TriageModels.train does)
        List<SelfTraining.Unlabelled> unlabelled = selfTrain ? unlabelled(opts, pool, selfTraining(opts)) : List.of();
        Model model = SelfTraining.train(pool, unlabelled, options, selfTraining(opts));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", pool.size());
        out.put("labelled", data.size());
        out.put("pseudo_labelled", pseudo);
        out.put("shuffled_copies", pool.size() - real);
        out.put("self_training_unlabelled", unlabelled.size());
        out.put("train_seconds", round(seconds));
        out.put("features", model.vectorizer().dimension());
        out.put("model_bytes", model.toBytes().length);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    private static Map<String, Object> perClass(Metrics m) {
        Map<String, Object> per = new LinkedHashMap<>();
        m.perClass().forEach((label, c) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("precision", round(c.precision()));
            v.put("recall", round(c.recall()));
            v.put("f1", round(c.f1()));
            v.put("support", c.support());
            per.put(label, v);
        });
        return per;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) return 0;
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double sd(List<Double> v) {
        double m = mean(v);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, v.size() - 1));
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
