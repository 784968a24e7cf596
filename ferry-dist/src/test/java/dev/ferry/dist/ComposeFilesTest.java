package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's files ({@code deploy/compose/}) checked offline with the real tools, and checked against each
 * other: what one service names (a host, a port, a path, a password variable) is what another provides. Run-time
 * behaviour is {@link ComposeStackIT}'s.
 *
 * <ul>
 *   <li>the compose file: {@code docker-compose config} (Debian's docker-compose 1.29, which validates against
 *       its Compose Spec schema) accepts it; every host file or directory it mounts, and the build's Dockerfile,
 *       exist;</li>
 *   <li>Kafka: the service's variables, mapped as the apache/kafka image maps them, pass Kafka's own
 *       {@code KafkaConfig} validation;</li>
 *   <li>Prometheus: {@code promtool check config} on its config as the container sees it (the compose file's
 *       mounts laid out at their container paths, so the rule file path must resolve there), which also checks
 *       the rules; it scrapes every worker service;</li>
 *   <li>Grafana: the dashboard and the alert rules provisioning file type-check against Grafana's published
 *       TypeScript types with tsc ({@link GrafanaSchemaCheck}), and the checker fails on a planted typo; the alert
 *       rules are exactly the Prometheus rules' derivation ({@link GrafanaAlertRules}); the datasource, dashboard
 *       provider and rules name each other and the Prometheus service correctly;</li>
 *   <li>the connector, AKHQ and the init script: the connector reaches PostgreSQL and the registry under their
 *       service names with the database's user and its password through {@code ${env:...}}, AKHQ names the
 *       broker, the registry and a worker, and shellcheck accepts the init script.</li>
 * </ul>
 */
class ComposeFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ComposeModel compose;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheComposeFileAsDockerComposeResolvesIt() throws Exception {
        compose = ComposeModel.load();
    }

    @Test
    void composeFile_isValidForDockerCompose_withoutWarnings() throws Exception {
        ComposeModel.DockerCompose.Result result = ComposeModel.DockerCompose.run(compose.file, "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).as("docker-compose config -q says nothing about a valid file").isBlank();
        assertThat(compose.serviceNames()).containsExactlyInAnyOrder("postgres", "kafka", "schema-registry",
                "connect-1", "connect-2", "connect-init", "prometheus", "grafana", "akhq");
    }

    @Test
    void everyHostFileTheComposeFileMounts_exists_andTheImageBuildsFromTheRepositorysDockerfile() {
        List<String> missing = new ArrayList<>();
        for (String service : compose.serviceNames()) {
            for (ComposeModel.Mount mount : compose.mounts(service)) {
                if (!Files.exists(mount.source())) {
                    missing.add(service + ": " + mount.source() + " (mounted at " + mount.target() + ")");
                }
            }
            JsonNode build = compose.service(service).path("build");
            if (!build.isMissingNode()) {
                Path context = Path.of(build.path("context").asText());
                assertThat(context).as("%s's build context", service).isEqualTo(ComposeModel.repository());
                Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
                if (!Files.isRegularFile(dockerfile)) {
                    missing.add(service + ": " + dockerfile + " (its build's Dockerfile)");
                }
            }
        }
        assertThat(missing).as("host files the compose file names").isEmpty();
        assertThat(compose.mounts("grafana")).extracting(ComposeModel.Mount::source)
                .contains(ComposeModel.repository().resolve("monitoring/ferry-dashboard.json"));
        assertThat(compose.mounts("prometheus")).extracting(ComposeModel.Mount::source)
                .contains(ComposeModel.repository().resolve("monitoring/ferry-alerts.yml"));
    }

    /**
     * The kafka service's {@code KAFKA_*} variables, turned into server properties by the apache/kafka image's rule
     * ({@code KAFKA_} dropped, {@code ___} to {@code -}, {@code __} to {@code _}, {@code _} to {@code .}, lower
     * case), are accepted by Kafka's own {@code KafkaConfig}, the validation a broker runs at start (roles, node id,
     * quorum voters, listener names and their protocols); {@code CLUSTER_ID} is a Kafka Uuid; and the listener the
     * other containers use is the one the workers, the registry and AKHQ name.
     */
    @Test
    void kafkaEnvironment_asTheImageMapsIt_isAKRaftConfigKafkaAccepts_andAdvertisesWhatTheClientsUse() {
        Map<String, String> env = compose.environment("kafka");
        Map<String, String> props = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                props.put(kafkaProperty(name), value);
            }
        });
        kafka.server.KafkaConfig config = new kafka.server.KafkaConfig(props, false);
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(props.get("process.roles")).isEqualTo("broker,controller");
        org.apache.kafka.common.Uuid.fromString(env.get("CLUSTER_ID"));

        String clients = compose.environment("connect-1").get("CONNECT_BOOTSTRAP_SERVERS");
        assertThat(props.get("advertised.listeners").split(",")).as("the address containers use is advertised")
                .anyMatch(listener -> listener.endsWith("://" + clients));
        assertThat(compose.environment("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
                .isEqualTo(clients);
        for (String worker : compose.workerServices()) {
            assertThat(compose.environment(worker).get("CONNECT_BOOTSTRAP_SERVERS")).isEqualTo(clients);
        }
    }

    /** The apache/kafka image's rule from a variable to a server property. */
    static String kafkaProperty(String variable) {
        List<String> dashed = new ArrayList<>();
        for (String part : variable.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).split("___", -1)) {
            List<String> underscored = new ArrayList<>();
            for (String piece : part.split("__", -1)) {
                underscored.add(piece.replace('_', '.'));
            }
            dashed.add(String.join("_", underscored));
        }
        return String.join("-", dashed);
    }

    @Test
    void prometheusConfig_asTheContainerSeesIt_passesPromtool_andScrapesEveryWorker() throws Exception {
        Path root = compose.containerView("prometheus", dir.resolve("prometheus-container"));
        // prom/prometheus reads /etc/prometheus/prometheus.yml unless told otherwise
        Path config = root.resolve("etc/prometheus/prometheus.yml");
        assertThat(config).as("the config at the image's default path").isRegularFile();
        PrometheusBinaries prometheus = PrometheusBinaries.locate();
        String checked = promtool(prometheus, "check", "config", config.toString());
        assertThat(checked).contains("SUCCESS").doesNotContain("FAILED");
        assertThat(checked).as("the rules file resolves and is checked with the config")
                .contains("SUCCESS: " + ruleCount() + " rules found");
        assertThat(promtool(prometheus, "check", "rules", root.resolve("etc/prometheus/rules/ferry-alerts.yml").toString()))
                .contains("SUCCESS");

        JsonNode prometheusConfig = ComposeModel.YAML.readTree(config.toFile());
        JsonNode job = prometheusConfig.path("scrape_configs").path(0);
        assertThat(job.path("job_name").asText()).as("the alert rules and the dashboard expect job=\"ferry\"")
                .isEqualTo(PrometheusServer.JOB);
        assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        List<String> workers = compose.workerServices().stream()
                .map(w -> w + ":" + compose.environment(w).getOrDefault("CONNECT_REST_PORT", "8083")).toList();
        assertThat(workers).hasSize(2);
        assertThat(targets).as("Prometheus scrapes every worker's REST port").containsExactlyInAnyOrderElementsOf(workers);
    }

    @Test
    void grafanaDashboardAndAlertRules_typeCheckAgainstGrafanasPublishedSchema() throws Exception {
        GrafanaSchemaCheck checker = GrafanaSchemaCheck.install();
        GrafanaSchemaCheck.Result result = checker.check(grafanaFiles());
        assertThat(result.output()).as("tsc on the dashboard and alert rules (check.ts in target/node-grafana-schema)")
                .isBlank();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void grafanaSchemaCheck_failsOnAPlantedTypo_inTheDashboard_andOnAnUnknownNoDataState() throws Exception {
        GrafanaSchemaCheck checker = GrafanaSchemaCheck.install();
        Map<String, JsonNode> files = grafanaFiles();
        ObjectNode firstPanel = (ObjectNode) files.get("DashboardFile").path("panels").path(1);
        firstPanel.set("gridPoss", firstPanel.remove("gridPos"));
        ObjectNode firstRule = (ObjectNode) files.get("AlertRulesFile").path("groups").path(0).path("rules").path(0);
        firstRule.put("noDataState", "Ok");
        GrafanaSchemaCheck.Result result = checker.check(files);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("'\"gridPoss\"' does not exist in type")
                .contains("Type '\"Ok\"' is not assignable to type");
    }

    @Test
    void grafanaAlertRules_areThePrometheusRules_derivedForGrafana() throws Exception {
        JsonNode expected = GrafanaAlertRules.derive(ComposeModel.repository().resolve("monitoring/ferry-alerts.yml"));
        Path file = grafanaProvisioning().resolve("alerting/ferry-alerts.yml");
        JsonNode actual = ComposeModel.YAML.readTree(file.toFile());
        if (!expected.equals(actual)) {
            Path derived = Path.of("target", "grafana-ferry-alerts.yml").toAbsolutePath();
            Files.writeString(derived, ComposeModel.YAML.writeValueAsString(expected));
            throw new AssertionError(file + " is not the derivation of monitoring/ferry-alerts.yml (did the Prometheus "
                    + "rules change?); the derived rules are in " + derived + ": copy them over the file");
        }
        assertThat(actual.path("groups").path(0).path("rules")).hasSize(ruleCount());
    }

    @Test
    void grafanaProvisioning_namesThePrometheusService_theMountedDashboard_andTheDatasourceTheRulesQuery() throws Exception {
        Path provisioning = grafanaProvisioning();
        JsonNode datasource = ComposeModel.YAML.readTree(provisioning.resolve("datasources/prometheus.yml").toFile())
                .path("datasources").path(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        URI url = URI.create(datasource.path("url").asText());
        assertThat(url.getHost()).as("the datasource is the compose file's Prometheus").isEqualTo("prometheus");
        assertThat(url.getPort()).isEqualTo(9090);
        assertThat(datasource.path("isDefault").asBoolean()).as("the dashboard's datasource variable picks the default")
                .isTrue();
        assertThat(datasource.path("uid").asText()).isEqualTo(GrafanaAlertRules.DATASOURCE_UID);

        JsonNode provider = ComposeModel.YAML.readTree(provisioning.resolve("dashboards/ferry.yml").toFile())
                .path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String dashboards = provider.path("options").path("path").asText();
        assertThat(compose.hostFile("grafana", dashboards + "/ferry-dashboard.json"))
                .as("the provider's folder holds the repository's dashboard")
                .isEqualTo(ComposeModel.repository().resolve("monitoring/ferry-dashboard.json"));
        assertThat(compose.hostFile("grafana", "/etc/grafana/provisioning")).isEqualTo(provisioning);
    }

    @Test
    void connectorConfig_reachesPostgresAndTheRegistry_withThePasswordFromTheWorkersEnvironment() throws Exception {
        Path connectors = compose.hostFile("connect-init", "/connect-init/connectors");
        JsonNode connector = JSON.readTree(connectors.resolve("postgres-customers-source.json").toFile());
        assertThat(connector.path("connector.class").asText()).isEqualTo("io.confluent.connect.jdbc.JdbcSourceConnector");

        Map<String, String> postgres = compose.environment("postgres");
        assertThat(connector.path("connection.url").asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(connector.path("connection.user").asText()).isEqualTo(postgres.get("POSTGRES_USER"));
        String password = connector.path("connection.password").asText();
        assertThat(password).as("the password is no literal").matches("\\$\\{env:[A-Z_]+}");
        String variable = password.substring("${env:".length(), password.length() - 1);
        for (String worker : compose.workerServices()) {
            Map<String, String> env = compose.environment(worker);
            assertThat(env.get(variable)).as("%s's %s is the database's password", worker, variable)
                    .isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(env).containsEntry("CONNECT_CONFIG_PROVIDERS", "env").containsEntry(
                    "CONNECT_CONFIG_PROVIDERS_ENV_CLASS", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
            assertThat(env.get("CONNECT_REST_ADVERTISED_HOST_NAME")).as("other workers reach %s by its name", worker)
                    .isEqualTo(worker);
        }

        String registry = "http://schema-registry:" + URI.create(
                compose.environment("schema-registry").get("SCHEMA_REGISTRY_LISTENERS")).getPort();
        assertThat(connector.path("value.converter").asText()).isEqualTo("io.confluent.connect.avro.AvroConverter");
        assertThat(connector.path("value.converter.schema.registry.url").asText()).isEqualTo(registry);
        assertThat(connector.path("key.converter.schema.registry.url").asText()).isEqualTo(registry);

        Path initSql = compose.hostFile("postgres", "/docker-entrypoint-initdb.d/01-customers.sql");
        assertThat(Files.readString(initSql)).contains("CREATE TABLE " + connector.path("table.whitelist").asText());
        assertThat(Files.readString(initSql)).containsIgnoringCase("PRIMARY KEY")
                .contains(connector.path("incrementing.column.name").asText());
    }

    @Test
    void akhq_namesTheBroker_theRegistry_andAWorker_asTheServicesProvideThem() throws Exception {
        Path config = compose.hostFile("akhq", compose.environment("akhq").get("MICRONAUT_CONFIG_FILES"));
        JsonNode connection = ComposeModel.YAML.readTree(config.toFile()).path("akhq").path("connections").path("compose");
        Map<String, String> worker = compose.environment("connect-1");
        assertThat(connection.path("properties").path("bootstrap.servers").asText())
                .isEqualTo(worker.get("CONNECT_BOOTSTRAP_SERVERS"));
        assertThat(connection.path("schema-registry").path("url").asText())
                .isEqualTo(worker.get("CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL"));
        URI connect = URI.create(connection.path("connect").path(0).path("url").asText());
        assertThat(compose.workerServices()).contains(connect.getHost());
        assertThat(String.valueOf(connect.getPort())).isEqualTo(worker.get("CONNECT_REST_PORT"));
    }

    @Test
    void initScript_passesShellcheck_andTheInitServiceRunsItAgainstAWorker() throws Exception {
        Path script = compose.hostFile("connect-init", "/connect-init/create-connectors.sh");
        Process shellcheck = new ProcessBuilder("shellcheck", "-s", "sh", script.toString()).redirectErrorStream(true).start();
        String output = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shellcheck.exitValue()).as(output).isZero();

        JsonNode init = compose.service("connect-init");
        List<String> command = new ArrayList<>();
        init.path("command").forEach(c -> command.add(c.asText()));
        assertThat(command).containsExactly("sh", "/connect-init/create-connectors.sh");
        URI connect = URI.create(compose.environment("connect-init").get("CONNECT_URL"));
        assertThat(compose.workerServices()).contains(connect.getHost());
        assertThat(init.path("depends_on").path(connect.getHost()).path("condition").asText())
                .as("the init service waits for the worker it calls").isEqualTo("service_healthy");
    }

    /** The files tsc checks, by the schema.ts type each must fit. */
    private static Map<String, JsonNode> grafanaFiles() throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        files.put("DashboardFile", JSON.readTree(compose.hostFile("grafana",
                "/var/lib/grafana/dashboards/ferry-dashboard.json").toFile()));
        files.put("AlertRulesFile", ComposeModel.YAML.readTree(grafanaProvisioning()
                .resolve("alerting/ferry-alerts.yml").toFile()));
        return files;
    }

    private static Path grafanaProvisioning() {
        return compose.hostFile("grafana", "/etc/grafana/provisioning");
    }

    private static int ruleCount() throws IOException {
        JsonNode rules = ComposeModel.YAML.readTree(ComposeModel.repository().resolve("monitoring/ferry-alerts.yml").toFile());
        TreeSet<String> names = new TreeSet<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> names.add(r.path("alert").asText())));
        return names.size();
    }

    private static String promtool(PrometheusBinaries prometheus, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(prometheus.promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
