package dev.ferry.dist;

import static dev.ferry.dist.DifferentialStep.await;
import static dev.ferry.dist.DifferentialStep.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The one sequence of REST calls the differential suite sends to Apache's worker and to Ferry's,
 * in standalone and in distributed mode: every endpoint, with good and bad input, on a healthy file
 * source, a healthy file sink that reads the source's topic, a sink whose task fails (its file is a
 * directory), a source whose task fails (an SMT cannot convert its records), and connectors made
 * paused or by {@code PUT .../config}. Placeholders are filled in
 * per worker by {@link DifferentialTarget}: {@code ${source}}, {@code ${sink}}, {@code ${failing}},
 * {@code ${failingsource}},
 * {@code ${paused}}, {@code ${created}} (connector names), {@code ${topic}} and {@code ${dir}} (the
 * worker's directory, holding {@code in.txt} with {@link #INPUT}).
 */
final class RestDifferentialSteps {
    /** What the source reads: three lines, 6 bytes. */
    static final String INPUT = "a\nb\nc\n";
    static final List<String> PLACEHOLDERS = List.of("source", "sink", "failing", "failingsource", "paused", "stopped",
            "created", "topic", "dir");

    private static final String GET = "GET";
    private static final String POST = "POST";
    private static final String PUT = "PUT";
    private static final String PATCH = "PATCH";
    private static final String DELETE = "DELETE";

    private static final String SOURCE_CONFIG = "{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
            + "\"file\":\"${dir}/in.txt\",\"topic\":\"${topic}\"}";
    private static final String SINK_CONFIG = "{\"connector.class\":\"FileStreamSink\",\"tasks.max\":\"1\","
            + "\"file\":\"${dir}/out.txt\",\"topics\":\"${topic}\"}";
    private static final String FAILING_CONFIG = "{\"connector.class\":\"FileStreamSink\",\"tasks.max\":\"1\","
            + "\"file\":\"${dir}\",\"topics\":\"${topic}\"}";
    /** A source whose task fails on its first record: Cast cannot make an int32 of the line "a". */
    private static final String FAILING_SOURCE_CONFIG = "{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"1\","
            + "\"file\":\"${dir}/in.txt\",\"topic\":\"${topic}\",\"transforms\":\"cast\","
            + "\"transforms.cast.type\":\"org.apache.kafka.connect.transforms.Cast$Value\",\"transforms.cast.spec\":\"int32\"}";
    private static final String UNKNOWN = "no-such-connector";

    private RestDifferentialSteps() {
    }

    /** A JSON object (written without nested objects) with one more {@code "key":"value"} entry. */
    private static String with(String object, String entry) {
        return object.substring(0, object.length() - 1) + "," + entry + "}";
    }

    /**
     * After a restart, a status read may still show the instance RUNNING from before (Ferry's herder
     * restarts after answering): give both workers a moment before waiting for RUNNING. One moment
     * serves both: the restart went to both before this wait, so the second worker's second passes
     * while the first one's is waited for (it was slept once per worker, 2 s per restart).
     */
    private static DifferentialStep settle() {
        long[] began = {0};
        return await("the restart has begun", t -> {
            if (began[0] == 0) {
                began[0] = System.nanoTime();
            }
            return System.nanoTime() - began[0] >= 1_000_000_000L;
        });
    }

    static List<DifferentialStep> all() {
        List<DifferentialStep> steps = new ArrayList<>();
        plugins(steps);
        create(steps);
        reads(steps);
        sinkOffsets(steps);
        configChanges(steps);
        lifecycle(steps);
        sourceOffsets(steps);
        loggers(steps);
        unknownRoutes(steps);
        deletes(steps);
        return steps;
    }

    private static void plugins(List<DifferentialStep> s) {
        // Ferry answers REST before it has reached Kafka (Apache's worker blocks until then): ask once both know the cluster.
        s.add(await("the worker knows its Kafka cluster", t -> t.json("/").path("kafka_cluster_id").isTextual()));
        s.add(call("server info", GET, "/"));
        s.add(call("server info with a text/plain content type", GET, "/").body(null, "text/plain"));
        s.add(call("health", GET, "/health"));
        s.add(call("HEAD on the connector list", "HEAD", "/connectors"));
        s.add(call("OPTIONS on the connector list", "OPTIONS", "/connectors"));
        s.add(call("OPTIONS on a connector's config", "OPTIONS", "/connectors/" + UNKNOWN + "/config"));
        s.add(call("OPTIONS on the root", "OPTIONS", "/"));
        s.add(call("OPTIONS on an unknown path", "OPTIONS", "/no-such-path"));
        s.add(call("connector list while empty", GET, "/connectors"));
        s.add(call("connector plugins", GET, "/connector-plugins").keyedBy("", "class+type"));
        s.add(call("all plugins", GET, "/connector-plugins?connectorsOnly=false").keyedBy("", "class+type"));
        s.add(call("connector plugins with connectorsOnly=true", GET, "/connector-plugins?connectorsOnly=true")
                .keyedBy("", "class+type"));
        s.add(call("source plugin config by alias", GET, "/connector-plugins/FileStreamSource/config")
                .keyedBy("", "name"));
        s.add(call("sink plugin config by class name", GET,
                "/connector-plugins/org.apache.kafka.connect.file.FileStreamSinkConnector/config").keyedBy("", "name"));
        s.add(call("transformation plugin config", GET,
                "/connector-plugins/org.apache.kafka.connect.transforms.Filter/config").keyedBy("", "name"));
        s.add(call("converter plugin config", GET, "/connector-plugins/JsonConverter/config").keyedBy("", "name"));
        s.add(call("predicate plugin config", GET, "/connector-plugins/TopicNameMatches/config").keyedBy("", "name"));
        s.add(call("plugin config of an installed version", GET, "/connector-plugins/FileStreamSource/config?version=4.3.1")
                .keyedBy("", "name"));
        s.add(call("plugin config of a version not installed", GET,
                "/connector-plugins/FileStreamSource/config?version=0.0.1"));
        s.add(call("unknown plugin config", GET, "/connector-plugins/NoSuchConnector/config"));
        s.add(call("validate a good sink config", PUT, "/connector-plugins/FileStreamSinkConnector/config/validate",
                "{\"connector.class\":\"FileStreamSink\",\"name\":\"${sink}\",\"topics\":\"${topic}\","
                        + "\"file\":\"${dir}/out.txt\"}").keyedBy("configs", "definition.name")
                .keyedBy("configs[].value.recommended_values", "."));
        s.add(call("validate a config with errors and recommended values", PUT,
                "/connector-plugins/FileStreamSink/config/validate",
                "{\"connector.class\":\"FileStreamSink\",\"tasks.max\":\"x\",\"errors.tolerance\":\"some\","
                        + "\"transforms\":\"t\",\"transforms.t.type\":\"org.apache.kafka.connect.transforms.Filter\","
                        + "\"transforms.t.predicate\":\"p\",\"predicates\":\"p\","
                        + "\"predicates.p.type\":\"org.apache.kafka.connect.transforms.predicates.TopicNameMatches\","
                        + "\"key.converter\":\"org.apache.kafka.connect.json.JsonConverter\"}")
                .keyedBy("configs", "definition.name")
                .keyedBy("configs[].value.recommended_values", "."));
        s.add(call("validate a source config", PUT, "/connector-plugins/FileStreamSourceConnector/config/validate",
                SOURCE_CONFIG).keyedBy("configs", "definition.name")
                .keyedBy("configs[].value.recommended_values", "."));
        s.add(call("validate with a mismatching connector class", PUT,
                "/connector-plugins/FileStreamSourceConnector/config/validate", SINK_CONFIG));
        s.add(call("validate without a connector class", PUT, "/connector-plugins/FileStreamSink/config/validate",
                "{\"topics\":\"${topic}\"}"));
        s.add(call("validate an unknown plugin", PUT, "/connector-plugins/NoSuchConnector/config/validate",
                "{\"connector.class\":\"NoSuchConnector\"}"));
        s.add(call("validate with malformed JSON", PUT, "/connector-plugins/FileStreamSink/config/validate",
                "{\"connector.class\":"));
        s.add(call("validate with a text/plain body", PUT, "/connector-plugins/FileStreamSink/config/validate")
                .body(SINK_CONFIG, "text/plain"));
        s.add(call("validate with an unknown transformation", PUT, "/connector-plugins/FileStreamSink/config/validate",
                with(SINK_CONFIG, "\"transforms\":\"t\",\"transforms.t.type\":\"NoSuchTransformation\"")
        ).keyedBy("configs", "definition.name").keyedBy("configs[].value.recommended_values", "."));
        s.add(call("validate a transformation without a type", PUT, "/connector-plugins/FileStreamSink/config/validate",
                with(SINK_CONFIG, "\"transforms\":\"t\"")
        ).keyedBy("configs", "definition.name").keyedBy("configs[].value.recommended_values", "."));
        s.add(call("validate with a predicate but no type", PUT, "/connector-plugins/FileStreamSink/config/validate",
                with(SINK_CONFIG, "\"predicates\":\"p\"")
        ).keyedBy("configs", "definition.name").keyedBy("configs[].value.recommended_values", "."));
    }

    private static void create(List<DifferentialStep> s) {
        s.add(call("create the source", POST, "/connectors", "{\"name\":\"${source}\",\"config\":" + SOURCE_CONFIG + "}"));
        s.add(await("the source runs", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("create the source again", POST, "/connectors",
                "{\"name\":\"${source}\",\"config\":" + SOURCE_CONFIG + "}"));
        s.add(call("create the sink", POST, "/connectors", "{\"name\":\"${sink}\",\"config\":" + SINK_CONFIG + "}"));
        s.add(await("the sink runs", t -> t.inState("sink", "RUNNING", "RUNNING")));
        s.add(call("create the failing sink", POST, "/connectors",
                "{\"name\":\"${failing}\",\"config\":" + FAILING_CONFIG + "}"));
        s.add(await("the failing sink's task fails", t -> t.inState("failing", "RUNNING", "FAILED")));
        s.add(call("create the failing source", POST, "/connectors",
                "{\"name\":\"${failingsource}\",\"config\":" + FAILING_SOURCE_CONFIG + "}"));
        s.add(await("the failing source's task fails", t -> t.inState("failingsource", "RUNNING", "FAILED")));
        s.add(call("create a paused connector", POST, "/connectors",
                "{\"name\":\"${paused}\",\"config\":" + SOURCE_CONFIG + ",\"initial_state\":\"PAUSED\"}"));
        s.add(await("the paused connector is paused", t -> t.connectorIn("paused", "PAUSED")));
        s.add(call("create a stopped connector", POST, "/connectors",
                "{\"name\":\"${stopped}\",\"config\":" + SOURCE_CONFIG + ",\"initial_state\":\"STOPPED\"}"));
        s.add(await("the stopped connector is stopped", t -> t.connectorIn("stopped", "STOPPED")));
        s.add(call("create with malformed JSON", POST, "/connectors", "{\"name\":"));
        s.add(call("create with an empty body", POST, "/connectors", ""));
        s.add(call("create without a name", POST, "/connectors", "{\"config\":" + SOURCE_CONFIG + "}"));
        s.add(call("create with a blank name", POST, "/connectors", "{\"name\":\" \",\"config\":" + SOURCE_CONFIG + "}"));
        s.add(call("create with a name that differs from the config's", POST, "/connectors",
                "{\"name\":\"one-name\",\"config\":" + with(SOURCE_CONFIG, "\"name\":\"another-name\"") + "}"));
        s.add(call("create without a config", POST, "/connectors", "{\"name\":\"nameless-config\"}"));
        s.add(call("create with a text/plain body", POST, "/connectors")
                .body("{\"name\":\"plain\",\"config\":" + SOURCE_CONFIG + "}", "text/plain"));
        s.add(call("create without a content type", POST, "/connectors")
                .body("{\"name\":\"untyped\",\"config\":" + SOURCE_CONFIG + "}", null));
        s.add(call("create with an empty body and no content type", POST, "/connectors").body("", null));
        s.add(call("create with a JSON content type with a charset", POST, "/connectors")
                .body("{\"name\":\"${created}\",\"config\":{}}", "application/json; charset=UTF-8"));
        // Connectors made only to see how names are taken read a file that does not exist: no records.
        String idle = SOURCE_CONFIG.replace("${dir}/in.txt", "${dir}/nothing.txt");
        s.add(call("create a connector whose name has a space", POST, "/connectors",
                "{\"name\":\"${created} spaced\",\"config\":" + idle + "}"));
        s.add(await("the connector whose name has a space runs", t -> {
            JsonNode status = t.json("/connectors/${created}%20spaced/status");
            return status != null && status.path("tasks").size() == 1
                    && status.path("tasks").path(0).path("state").asText().equals("RUNNING");
        }));
        s.add(call("info of the connector whose name has a space", GET, "/connectors/${created}%20spaced"));
        s.add(call("delete the connector whose name has a space", DELETE, "/connectors/${created}%20spaced"));
        s.add(call("create a connector whose name has a slash", POST, "/connectors",
                "{\"name\":\"${created}/slashed\",\"config\":" + idle + "}"));
        s.add(call("info of the connector whose name has a slash", GET, "/connectors/${created}%2Fslashed"));
        s.add(call("create a connector whose name has control characters", POST, "/connectors",
                "{\"name\":\"tab\\tname\",\"config\":" + idle + "}"));
        s.add(call("create with an unknown connector class", POST, "/connectors",
                "{\"name\":\"unknown-class\",\"config\":{\"connector.class\":\"NoSuchConnector\"}}"));
        s.add(call("create with an invalid config", POST, "/connectors",
                "{\"name\":\"invalid\",\"config\":{\"connector.class\":\"FileStreamSink\",\"tasks.max\":\"x\"}}"));
        s.add(call("create with an invalid initial state", POST, "/connectors",
                "{\"name\":\"bad-state\",\"config\":" + SOURCE_CONFIG + ",\"initial_state\":\"SLEEPING\"}"));
        s.add(await("the source's topic is active", t -> {
            JsonNode topics = t.json("/connectors/${source}/topics");
            return topics != null && topics.path(t.fill("${source}")).path("topics").size() == 1;
        }));
        s.add(await("the source committed its offset", t -> {
            JsonNode offsets = t.json("/connectors/${source}/offsets");
            return offsets != null && offsets.path("offsets").path(0).path("offset").path("position").asInt() == 6;
        }));
        s.add(await("the sink committed its offset", t -> {
            JsonNode offsets = t.json("/connectors/${sink}/offsets");
            return offsets != null && offsets.path("offsets").path(0).path("offset").path("kafka_offset").asInt() == 3;
        }));
    }

    private static void reads(List<DifferentialStep> s) {
        s.add(call("connector list", GET, "/connectors").keyedBy("", "."));
        s.add(call("connector list with a text/plain content type", GET, "/connectors").body(null, "text/plain")
                .keyedBy("", "."));
        s.add(call("connectors with status", GET, "/connectors?expand=status"));
        s.add(call("connectors with info", GET, "/connectors?expand=info"));
        s.add(call("connectors with status and info", GET, "/connectors?expand=status&expand=info"));
        s.add(call("connectors with an unknown expansion", GET, "/connectors?expand=nothing"));
        s.add(call("connectors with a comma-separated expansion", GET, "/connectors?expand=status,info"));
        s.add(call("source info", GET, "/connectors/${source}"));
        s.add(call("sink info", GET, "/connectors/${sink}"));
        s.add(call("unknown connector info", GET, "/connectors/" + UNKNOWN));
        s.add(call("source config", GET, "/connectors/${source}/config"));
        s.add(call("unknown connector config", GET, "/connectors/" + UNKNOWN + "/config"));
        s.add(call("source status", GET, "/connectors/${source}/status"));
        s.add(call("sink status", GET, "/connectors/${sink}/status"));
        s.add(call("failing sink status", GET, "/connectors/${failing}/status"));
        s.add(call("failing source status", GET, "/connectors/${failingsource}/status"));
        s.add(call("failing source task status", GET, "/connectors/${failingsource}/tasks/0/status"));
        s.add(call("paused connector status", GET, "/connectors/${paused}/status"));
        s.add(call("paused connector tasks", GET, "/connectors/${paused}/tasks"));
        s.add(call("paused connector offsets", GET, "/connectors/${paused}/offsets"));
        s.add(call("alter the offsets of a paused connector", PATCH, "/connectors/${paused}/offsets",
                "{\"offsets\":[{\"partition\":{\"filename\":\"${dir}/in.txt\"},\"offset\":{\"position\":2}}]}"));
        s.add(call("stopped connector status", GET, "/connectors/${stopped}/status"));
        s.add(call("stopped connector tasks", GET, "/connectors/${stopped}/tasks"));
        s.add(call("failing sink tasks", GET, "/connectors/${failing}/tasks"));
        s.add(call("unknown connector status", GET, "/connectors/" + UNKNOWN + "/status"));
        s.add(call("source tasks", GET, "/connectors/${source}/tasks"));
        s.add(call("sink tasks", GET, "/connectors/${sink}/tasks"));
        s.add(call("unknown connector tasks", GET, "/connectors/" + UNKNOWN + "/tasks"));
        s.add(call("source task status", GET, "/connectors/${source}/tasks/0/status"));
        s.add(call("failing task status", GET, "/connectors/${failing}/tasks/0/status"));
        s.add(call("unknown task status", GET, "/connectors/${source}/tasks/7/status"));
        s.add(call("task status of an unknown connector", GET, "/connectors/" + UNKNOWN + "/tasks/0/status"));
        s.add(call("task status with a non-numeric id", GET, "/connectors/${source}/tasks/x/status"));
        s.add(call("restart a task with a non-numeric id", POST, "/connectors/${source}/tasks/x/restart"));
        s.add(call("source topics", GET, "/connectors/${source}/topics"));
        s.add(call("sink topics", GET, "/connectors/${sink}/topics"));
        s.add(call("unknown connector topics", GET, "/connectors/" + UNKNOWN + "/topics"));
        s.add(call("reset the source's topics", PUT, "/connectors/${source}/topics/reset"));
        // Apache's distributed worker forgets the topics when it reads its own reset back from the status topic.
        s.add(await("the source's topics are forgotten", t -> {
            JsonNode topics = t.json("/connectors/${source}/topics");
            return topics != null && topics.path(t.fill("${source}")).path("topics").isEmpty();
        }));
        s.add(call("source topics after the reset", GET, "/connectors/${source}/topics"));
        s.add(call("reset an unknown connector's topics", PUT, "/connectors/" + UNKNOWN + "/topics/reset"));
    }

    private static void sinkOffsets(List<DifferentialStep> s) {
        s.add(call("sink offsets while running", GET, "/connectors/${sink}/offsets"));
        s.add(call("alter the offsets of a running sink", PATCH, "/connectors/${sink}/offsets",
                "{\"offsets\":[{\"partition\":{\"kafka_topic\":\"${topic}\",\"kafka_partition\":0},"
                        + "\"offset\":{\"kafka_offset\":1}}]}"));
        s.add(call("reset the offsets of a running sink", DELETE, "/connectors/${sink}/offsets"));
        s.add(call("stop the sink", PUT, "/connectors/${sink}/stop"));
        s.add(await("the sink is stopped", t -> t.inState("sink", "STOPPED")));
        s.add(call("stopped sink status", GET, "/connectors/${sink}/status"));
        s.add(call("stopped sink tasks", GET, "/connectors/${sink}/tasks"));
        s.add(call("stopped sink offsets", GET, "/connectors/${sink}/offsets"));
        s.add(call("alter the sink's offsets", PATCH, "/connectors/${sink}/offsets",
                "{\"offsets\":[{\"partition\":{\"kafka_topic\":\"${topic}\",\"kafka_partition\":0},"
                        + "\"offset\":{\"kafka_offset\":1}}]}"));
        s.add(call("sink offsets after altering", GET, "/connectors/${sink}/offsets"));
        s.add(call("alter the sink's offsets without a partition number", PATCH, "/connectors/${sink}/offsets",
                "{\"offsets\":[{\"partition\":{\"kafka_topic\":\"${topic}\"},\"offset\":{\"kafka_offset\":1}}]}"));
        s.add(call("alter the sink's offsets with a text offset", PATCH, "/connectors/${sink}/offsets",
                "{\"offsets\":[{\"partition\":{\"kafka_topic\":\"${topic}\",\"kafka_partition\":0},"
                        + "\"offset\":{\"kafka_offset\":\"one\"}}]}"));
        s.add(call("reset the sink's offsets", DELETE, "/connectors/${sink}/offsets"));
        s.add(call("sink offsets after the reset", GET, "/connectors/${sink}/offsets"));
    }

    private static void configChanges(List<DifferentialStep> s) {
        s.add(call("replace the source's config", PUT, "/connectors/${source}/config",
                with(SOURCE_CONFIG, "\"batch.size\":\"100\"")));
        s.add(await("the reconfigured source runs", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("create a connector with PUT", PUT, "/connectors/${created}/config", SOURCE_CONFIG));
        s.add(await("the connector made with PUT runs", t -> t.inState("created", "RUNNING", "RUNNING")));
        s.add(call("PUT a config naming another connector", PUT, "/connectors/${source}/config",
                with(SOURCE_CONFIG, "\"name\":\"other\"")));
        s.add(call("PUT a config with a text/plain body", PUT, "/connectors/${source}/config")
                .body(SOURCE_CONFIG, "text/plain"));
        s.add(call("PUT a config with malformed JSON", PUT, "/connectors/${source}/config", "{\"file\""));
        s.add(call("PUT an invalid config", PUT, "/connectors/${source}/config",
                SOURCE_CONFIG.replace("\"tasks.max\":\"1\"", "\"tasks.max\":\"x\"")));
        s.add(call("PUT a config without a connector class", PUT, "/connectors/${source}/config",
                "{\"tasks.max\":\"1\",\"file\":\"${dir}/in.txt\",\"topic\":\"${topic}\"}"));
        s.add(call("patch the source's config", PATCH, "/connectors/${source}/config", "{\"batch.size\":\"200\"}"));
        s.add(await("the patched source runs", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("source config after the patch", GET, "/connectors/${source}/config"));
        s.add(call("patch a key away", PATCH, "/connectors/${source}/config", "{\"batch.size\":null}"));
        s.add(await("the source runs after a key was patched away", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("patch an unknown connector", PATCH, "/connectors/" + UNKNOWN + "/config", "{\"batch.size\":\"1\"}"));
        s.add(call("patch with a text/plain body", PATCH, "/connectors/${source}/config")
                .body("{\"batch.size\":\"300\"}", "text/plain"));
    }

    private static void lifecycle(List<DifferentialStep> s) {
        s.add(call("pause the source", PUT, "/connectors/${source}/pause"));
        s.add(await("the source is paused", t -> t.inState("source", "PAUSED", "PAUSED")));
        s.add(call("paused source status", GET, "/connectors/${source}/status"));
        s.add(call("pause with a text/plain content type", PUT, "/connectors/${source}/pause").body(null, "text/plain"));
        s.add(call("pause an unknown connector", PUT, "/connectors/" + UNKNOWN + "/pause"));
        s.add(call("resume the source", PUT, "/connectors/${source}/resume"));
        s.add(await("the resumed source runs", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("resume an unknown connector", PUT, "/connectors/" + UNKNOWN + "/resume"));
        s.add(call("restart the source", POST, "/connectors/${source}/restart"));
        s.add(settle());
        s.add(await("the restarted source runs", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("restart the source with its tasks", POST, "/connectors/${source}/restart?includeTasks=true"));
        s.add(settle());
        s.add(await("the source runs after restarting with its tasks", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("restart the healthy source only if failed", POST, "/connectors/${source}/restart?onlyFailed=true"));
        s.add(call("restart with both flags false", POST, "/connectors/${source}/restart?includeTasks=false&onlyFailed=false"));
        s.add(settle());
        s.add(await("the source runs after a restart with both flags false", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("restart only the failed instances of the healthy source", POST,
                "/connectors/${source}/restart?includeTasks=true&onlyFailed=true"));
        s.add(call("restart only the failed instances of the failing sink", POST,
                "/connectors/${failing}/restart?includeTasks=true&onlyFailed=true"));
        s.add(settle());
        s.add(await("the failing sink's task fails again", t -> t.inState("failing", "RUNNING", "FAILED")));
        s.add(call("restart the failing source with its tasks", POST,
                "/connectors/${failingsource}/restart?includeTasks=true"));
        s.add(settle());
        s.add(await("the failing source's task fails again", t -> t.inState("failingsource", "RUNNING", "FAILED")));
        s.add(call("restart the failing sink's connector only if failed", POST,
                "/connectors/${failing}/restart?onlyFailed=true"));
        s.add(call("restart an unknown connector", POST, "/connectors/" + UNKNOWN + "/restart"));
        s.add(call("restart the source's task", POST, "/connectors/${source}/tasks/0/restart"));
        s.add(settle());
        s.add(await("the source runs after its task's restart", t -> t.inState("source", "RUNNING", "RUNNING")));
        s.add(call("restart a task of an unknown connector", POST, "/connectors/" + UNKNOWN + "/tasks/0/restart"));
        s.add(call("stop an unknown connector", PUT, "/connectors/" + UNKNOWN + "/stop"));
    }

    private static void sourceOffsets(List<DifferentialStep> s) {
        s.add(call("source offsets while running", GET, "/connectors/${source}/offsets"));
        s.add(call("alter the offsets of a running source", PATCH, "/connectors/${source}/offsets",
                "{\"offsets\":[{\"partition\":{\"filename\":\"${dir}/in.txt\"},\"offset\":{\"position\":2}}]}"));
        s.add(call("reset the offsets of a running source", DELETE, "/connectors/${source}/offsets"));
        s.add(call("stop the source", PUT, "/connectors/${source}/stop"));
        s.add(await("the source is stopped", t -> t.inState("source", "STOPPED")));
        s.add(call("stopped source status", GET, "/connectors/${source}/status"));
        s.add(call("stopped source tasks", GET, "/connectors/${source}/tasks"));
        s.add(call("stopped source info", GET, "/connectors/${source}"));
        s.add(call("stopped source offsets", GET, "/connectors/${source}/offsets"));
        s.add(call("alter the source's offsets", PATCH, "/connectors/${source}/offsets",
                "{\"offsets\":[{\"partition\":{\"filename\":\"${dir}/in.txt\"},\"offset\":{\"position\":2}}]}"));
        s.add(call("source offsets after altering", GET, "/connectors/${source}/offsets"));
        s.add(call("alter the source's offsets to null", PATCH, "/connectors/${source}/offsets",
                "{\"offsets\":[{\"partition\":{\"filename\":\"${dir}/in.txt\"},\"offset\":null}]}"));
        s.add(call("source offsets after altering to null", GET, "/connectors/${source}/offsets"));
        s.add(call("alter offsets with an empty list", PATCH, "/connectors/${source}/offsets", "{\"offsets\":[]}"));
        s.add(call("alter offsets without offsets", PATCH, "/connectors/${source}/offsets", "{}"));
        s.add(call("alter offsets with malformed JSON", PATCH, "/connectors/${source}/offsets", "{\"offsets\":"));
        s.add(call("alter offsets with a text/plain body", PATCH, "/connectors/${source}/offsets")
                .body("{\"offsets\":[]}", "text/plain"));
        s.add(call("reset the source's offsets", DELETE, "/connectors/${source}/offsets"));
        s.add(call("source offsets after the reset", GET, "/connectors/${source}/offsets"));
        s.add(call("offsets of an unknown connector", GET, "/connectors/" + UNKNOWN + "/offsets"));
        s.add(call("reset the offsets of an unknown connector", DELETE, "/connectors/" + UNKNOWN + "/offsets"));
    }

    private static void loggers(List<DifferentialStep> s) {
        // Which loggers exist and their levels depend on each worker's log set-up: compare the shape.
        s.add(call("loggers", GET, "/admin/loggers").openKeys("").kindsOnly(""));
        s.add(call("root logger", GET, "/admin/loggers/root"));
        s.add(call("unknown logger", GET, "/admin/loggers/no.such.logger"));
        s.add(call("set a logger's level", PUT, "/admin/loggers/org.apache.kafka.connect.file", "{\"level\":\"DEBUG\"}")
                .keyedBy("", "."));
        s.add(call("the logger after setting its level", GET, "/admin/loggers/org.apache.kafka.connect.file"));
        s.add(call("set a logger's level for the worker", PUT, "/admin/loggers/org.apache.kafka.connect.file?scope=worker",
                "{\"level\":\"INFO\"}").keyedBy("", "."));
        s.add(call("set a logger's level for the cluster", PUT,
                "/admin/loggers/org.apache.kafka.connect.file?scope=cluster", "{\"level\":\"WARN\"}").keyedBy("", "."));
        s.add(call("set an invalid level", PUT, "/admin/loggers/org.apache.kafka.connect.file", "{\"level\":\"LOUD\"}"));
        s.add(call("set a level without a level", PUT, "/admin/loggers/org.apache.kafka.connect.file", "{}"));
        s.add(call("set a level with a text/plain body", PUT, "/admin/loggers/org.apache.kafka.connect.file")
                .body("{\"level\":\"INFO\"}", "text/plain"));
        s.add(call("set the level of a logger nobody created", PUT, "/admin/loggers/com.example.differential",
                "{\"level\":\"DEBUG\"}"));
        s.add(call("a logger set by name", GET, "/admin/loggers/com.example.differential"));
    }

    private static void unknownRoutes(List<DifferentialStep> s) {
        s.add(call("unknown path", GET, "/no-such-path"));
        s.add(call("unknown path under a connector", GET, "/connectors/${source}/nothing"));
        s.add(call("DELETE on the connector list", DELETE, "/connectors"));
        s.add(call("POST on a connector's status", POST, "/connectors/${source}/status"));
        s.add(call("POST on the plugin list", POST, "/connector-plugins"));
        s.add(call("DELETE on the root", DELETE, "/"));
        s.add(call("GET on a restart", GET, "/connectors/${source}/restart"));
        s.add(call("POST on a connector", POST, "/connectors/${source}", "{}"));
        s.add(call("DELETE on a task's status", DELETE, "/connectors/${source}/tasks/0/status"));
        s.add(call("unsigned internal task configs", POST, "/connectors/${source}/tasks", "[{\"task.class\":\"x\"}]"));
        s.add(call("unsigned internal fence request", PUT, "/connectors/${source}/fence"));
    }

    private static void deletes(List<DifferentialStep> s) {
        // Apache's standalone worker records a FAILED status for the unknown task it was asked to restart:
        // ask on the connector deleted next, so that the phantom task shows in no later answer.
        s.add(call("restart an unknown task", POST, "/connectors/${created}/tasks/7/restart"));
        s.add(call("delete the connector made with PUT", DELETE, "/connectors/${created}"));
        s.add(call("delete an unknown connector", DELETE, "/connectors/" + UNKNOWN));
        s.add(call("delete the paused connector", DELETE, "/connectors/${paused}"));
        s.add(call("delete the stopped connector", DELETE, "/connectors/${stopped}"));
        s.add(call("delete the failing sink", DELETE, "/connectors/${failing}"));
        s.add(call("delete the failing source", DELETE, "/connectors/${failingsource}"));
        s.add(await("the deleted connectors are gone", t -> {
            JsonNode list = t.json("/connectors");
            if (list == null) {
                return false;
            }
            for (JsonNode name : list) {
                for (String deleted : List.of("created", "paused", "stopped", "failing", "failingsource")) {
                    if (name.asText().equals(t.fill("${" + deleted + "}"))) {
                        return false;
                    }
                }
            }
            return true;
        }));
        s.add(call("connector list after deletes", GET, "/connectors").keyedBy("", "."));
        s.add(call("delete the source", DELETE, "/connectors/${source}"));
        s.add(call("delete the sink", DELETE, "/connectors/${sink}"));
    }
}
