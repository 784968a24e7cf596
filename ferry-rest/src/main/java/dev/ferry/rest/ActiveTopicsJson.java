package dev.ferry.rest;

import java.util.Collection;
import java.util.Map;

/** Apache's {@code ActiveTopicsInfo} shape, keyed by connector: {@code {"c":{"topics":[…]}}}. */
record ActiveTopicsJson(Collection<String> topics) {

    static Map<String, ActiveTopicsJson> of(String connector, Collection<String> topics) {
        return Map.of(connector, new ActiveTopicsJson(topics.stream().sorted().toList()));
    }
}
