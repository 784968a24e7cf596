package dev.ferry.runtime.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layers of ferry-runtime, bottom to top, as {@code docs/ARCHITECTURE.md} draws them: each
 * top-level package of {@code dev.ferry.runtime} has a rank, and a package may use only packages
 * of a lower rank (its own sub-packages count as itself). Packages of one rank are peers that must
 * not use each other. The record path sits below the control plane: {@code model} is the
 * vocabulary everyone speaks; plugins, converters and policies are what connectors are built
 * from; {@code task} runs one task, {@code worker} runs many, {@code cluster} shares them among
 * workers, and {@code herder} decides what runs.
 */
final class Layers {
    static final String ROOT = "dev.ferry.runtime";

    /** Top-level package to rank; bottom first. */
    private static final Map<String, Integer> RANKS = new LinkedHashMap<>();

    static {
        rank(0, "model");
        // ClasspathPlugins knows the built-in converters and override policies, so they sit under plugins
        rank(1, "converters", "policy");
        rank(2, "plugins");
        rank(3, "config");
        // ErrorHandler counts the errors it tolerates in the task's error metrics
        rank(4, "metrics");
        rank(5, "errors");
        rank(6, "storage");
        rank(7, "task");
        rank(8, "worker");
        rank(9, "cluster");
        rank(10, "herder");
    }

    private Layers() {
    }

    private static void rank(int rank, String... packages) {
        for (String name : packages) {
            RANKS.put(name, rank);
        }
    }

    /** The top-level package a class of ferry-runtime is in ({@code worker} for {@code dev.ferry.runtime.worker.x.Y}). */
    static Optional<String> layerOf(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    static boolean known(String layer) {
        return RANKS.containsKey(layer);
    }

    /** Whether {@code from} may use {@code to}: the same layer, or one of a lower rank. */
    static boolean mayUse(String from, String to) {
        return from.equals(to) || RANKS.get(to) < RANKS.get(from);
    }

    static boolean above(String layer, String other) {
        return RANKS.get(layer) > RANKS.get(other);
    }

    /** The layers, bottom first, peers joined by " | ", for messages. */
    static String describe() {
        StringBuilder text = new StringBuilder();
        int previous = -1;
        for (Map.Entry<String, Integer> entry : RANKS.entrySet()) {
            if (previous >= 0) {
                text.append(entry.getValue() == previous ? " | " : " < ");
            }
            text.append(entry.getKey());
            previous = entry.getValue();
        }
        return text.toString();
    }

    static List<String> all() {
        return List.copyOf(RANKS.keySet());
    }
}
