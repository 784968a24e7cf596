package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes example {@code deploy/kubernetes/ferry.yaml}: every object is valid against Kubernetes' OpenAPI
 * schemas (kubernetes-models' validators) and has no field Kubernetes does not know (the official client's models),
 * the parts fit together (selectors, named ports, probes), and the
 * environment it gives each container passes the image's entrypoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestIT {
    private static final Path MANIFEST = DeployChecks.REPO.resolve("deploy/kubernetes/ferry.yaml");

    private DeployChecks checks;
    private JsonNode documents;

    @BeforeAll
    void validateTheManifest() throws Exception {
        checks = DeployChecks.install();
        documents = checks.kubernetes(MANIFEST);
    }

    @Test
    void everyObjectIsValidAgainstKubernetesSchemas() {
        assertThat(documents).extracting(d -> d.path("kind").asText() + "/" + d.path("name").asText())
                .containsExactly("Deployment/ferry-connect", "Service/ferry-connect", "PodDisruptionBudget/ferry-connect",
                        "Deployment/ferry-registry", "Service/ferry-registry");
        documents.forEach(d -> assertThat(d.path("errors")).as("%s %s", d.path("kind"), d.path("name")).isEmpty());
    }

    @Test
    void theSchemaCheckFindsMistakesInABrokenCopy(@TempDir Path dir) throws Exception {
        String broken = Files.readString(MANIFEST, StandardCharsets.UTF_8)
                .replace("containerPort: 8083", "containerPort: \"8083\"")
                .replace("replicas: 2", "replicas: two")
                .replace("readinessProbe:", "readinesProbe:");
        Path copy = dir.resolve("ferry.yaml");
        Files.writeString(copy, broken);
        JsonNode worker = checks.kubernetes(copy).get(0);
        assertThat(worker.path("errors").toString()).contains("containerPort must be integer", "replicas must be integer",
                "/spec/template/spec/containers/0/readinesProbe is not a field of V1Container");
    }

    @Test
    void servicesAndBudgetsSelectTheirDeploymentsPodsAndNamePortsTheyExpose() {
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode spec = deployment.path("object").path("spec");
            Map<String, String> podLabels = strings(spec.path("template").path("metadata").path("labels"));
            assertThat(podLabels).containsAllEntriesOf(strings(spec.path("selector").path("matchLabels")));
        }
        for (JsonNode service : ofKind("Service")) {
            JsonNode spec = service.path("object").path("spec");
            JsonNode deployment = deploymentSelectedBy(strings(spec.path("selector")));
            Set<String> portNames = containerPortNames(deployment);
            spec.path("ports").forEach(p -> assertThat(portNames).contains(p.path("targetPort").asText()));
        }
        for (JsonNode budget : ofKind("PodDisruptionBudget")) {
            deploymentSelectedBy(strings(budget.path("object").path("spec").path("selector").path("matchLabels")));
        }
    }

    @Test
    void everyProbeAsksANamedPortOfItsContainer_theWorkerIsReadyOnHealthReady() {
        for (JsonNode deployment : ofKind("Deployment")) {
            Set<String> portNames = containerPortNames(deployment);
            for (JsonNode container : containers(deployment)) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    JsonNode http = container.path(probe).path("httpGet");
                    if (!http.isMissingNode()) {
                        assertThat(portNames).as("%s of %s", probe, container.path("name")).contains(http.path("port").asText());
                    }
                }
            }
        }
        JsonNode worker = containers(ofKind("Deployment").get(0)).get(0);
        assertThat(worker.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(worker.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(worker.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        JsonNode pod = ofKind("Deployment").get(0).path("object").path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(1000);
        assertThat(pod.path("securityContext").path("runAsGroup").asInt()).isZero();
    }

    @Test
    void eachContainersEnvironmentPassesTheImagesEntrypoint(@TempDir Path dir) throws Exception {
        Path home = Entrypoint.recordingHome(dir);
        for (JsonNode deployment : ofKind("Deployment")) {
            JsonNode container = containers(deployment).get(0);
            Map<String, String> env = new LinkedHashMap<>();
            // Values the cluster fills in (pod IP, secrets) stand in as placeholders.
            container.path("env").forEach(e -> env.put(e.path("name").asText(),
                    e.has("value") ? e.path("value").asText() : "from-" + e.path("valueFrom").fieldNames().next()));
            env.put("FERRY_HOME", home.toString());
            List<String> args = new ArrayList<>();
            container.path("args").forEach(a -> args.add(a.asText()));
            Entrypoint.Result result = Entrypoint.run(Entrypoint.SCRIPT, env, args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).startsWith("ARGS: " + args.get(0) + "\n");
        }
    }

    private List<JsonNode> ofKind(String kind) {
        List<JsonNode> found = new ArrayList<>();
        documents.forEach(d -> {
            if (d.path("kind").asText().equals(kind)) {
                found.add(d);
            }
        });
        return found;
    }

    private JsonNode deploymentSelectedBy(Map<String, String> selector) {
        assertThat(selector).isNotEmpty();
        List<JsonNode> selected = ofKind("Deployment").stream().filter(d -> strings(
                d.path("object").path("spec").path("template").path("metadata").path("labels")).entrySet()
                .containsAll(selector.entrySet())).toList();
        assertThat(selected).as("deployments whose pods %s selects", selector).hasSize(1);
        return selected.get(0);
    }

    private static List<JsonNode> containers(JsonNode deployment) {
        List<JsonNode> list = new ArrayList<>();
        deployment.path("object").path("spec").path("template").path("spec").path("containers").forEach(list::add);
        return list;
    }

    private static Set<String> containerPortNames(JsonNode deployment) {
        Set<String> names = new HashSet<>();
        containers(deployment).forEach(c -> c.path("ports").forEach(p -> names.add(p.path("name").asText())));
        return names;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
