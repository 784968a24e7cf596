package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ferry.runtime.herder.Herder;

/** Apache's {@code ServerInfo} shape, the body of {@code GET /}. */
record ServerInfoJson(String version, String commit, @JsonProperty("kafka_cluster_id") String kafkaClusterId) {

    static ServerInfoJson of(Herder.ServerInfo info) {
        return new ServerInfoJson(info.version(), info.commit(), info.kafkaClusterId());
    }
}
