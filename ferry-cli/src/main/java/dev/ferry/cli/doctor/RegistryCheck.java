package dev.ferry.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Schema Registry of the worker's default converters: when {@code key.converter} or {@code value.converter}
 * needs one (Avro, Protobuf, JSON Schema) its {@code *.schema.registry.url} must be set, and each URL must answer
 * {@code GET /config} as a registry does ({@code {"compatibilityLevel": ...}}), with the converter's basic-auth
 * credentials when it has some.
 */
final class RegistryCheck {
    static final String CHECK = "registry";
    /** Simple-name endings of the converters that talk to a registry: Confluent's, Ferry's and their aliases. */
    private static final List<String> REGISTRY_CONVERTERS = List.of("AvroConverter", "ProtobufConverter",
            "JsonSchemaConverter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryCheck() {
    }

    static void run(Map<String, String> props, Duration timeout, Report report) {
        Set<String> probed = new LinkedHashSet<>();
        boolean any = false;
        for (String side : List.of("key.converter", "value.converter")) {
            String converter = props.get(side);
            String urlSetting = side + ".schema.registry.url";
            String urls = props.get(urlSetting);
            boolean needsRegistry = converter != null
                    && REGISTRY_CONVERTERS.stream().anyMatch(name -> converter.strip().endsWith(name));
            if (urls == null || urls.isBlank()) {
                if (needsRegistry) {
                    any = true;
                    report.error(CHECK, side + "=" + converter + " needs a Schema Registry, but " + urlSetting
                            + " is not set. Set it to the registry's URL (e.g. http://schema-registry:8081).");
                }
                continue;
            }
            any = true;
            for (String url : urls.split(",")) {
                String trimmed = url.strip();
                if (!trimmed.isEmpty() && probed.add(trimmed)) {
                    probe(trimmed, side, urlSetting, credentials(props, side, trimmed), timeout, report);
                }
            }
        }
        if (!any) {
            report.skipped(CHECK, "neither key.converter nor value.converter uses a Schema Registry");
        }
    }

    private static void probe(String url, String side, String urlSetting, String credentials, Duration timeout,
                              Report report) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url + "config" : url + "/config");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            report.error(CHECK, urlSetting + "=" + url + " is not a URL (" + e.getMessage() + "). Write it as "
                    + "http://host:port.");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            report.error(CHECK, "The Schema Registry at " + url + " (" + urlSetting + ") did not answer within "
                    + timeout.toSeconds() + " s. Check that it runs and that this machine can reach it.");
            return;
        } catch (ConnectException e) {
            report.error(CHECK, "Cannot connect to the Schema Registry at " + url + " (" + urlSetting + "): nothing "
                    + "listens there. Start the registry (ferry registry), or correct " + urlSetting + ".");
            return;
        } catch (IOException e) {
            report.error(CHECK, "Cannot reach the Schema Registry at " + url + " (" + urlSetting + "): " + e
                    + ". Check the host name and port.");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            report.error(CHECK, "The Schema Registry at " + url + " answers HTTP " + status + ": "
                    + (credentials == null ? "it needs credentials. Set " + side + ".basic.auth.credentials.source="
                    + "USER_INFO and " + side + ".basic.auth.user.info=USER:PASSWORD."
                    : "it refuses the credentials of " + side + ". Check " + side + ".basic.auth.user.info."));
            return;
        }
        String level = status == 200 ? compatibilityLevel(response.body()) : null;
        if (level == null) {
            report.error(CHECK, url + " (" + urlSetting + ") answers, but not as a Schema Registry: GET /config gave "
                    + "HTTP " + status + " without a compatibilityLevel. Check the host, port and path in "
                    + urlSetting + " (another service may be listening there).");
            return;
        }
        report.ok(CHECK, url + " answers as a Schema Registry (compatibility " + level + ")");
    }

    private static String compatibilityLevel(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode level = json == null ? null : json.has("compatibilityLevel") ? json.get("compatibilityLevel")
                    : json.get("compatibility");
            return level != null && level.isTextual() ? level.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code user:password} as the converter would send it, or null. */
    private static String credentials(Map<String, String> props, String side, String url) {
        String source = props.getOrDefault(side + ".basic.auth.credentials.source", "URL").strip()
                .toUpperCase(Locale.ROOT);
        if (source.equals("USER_INFO")) {
            String info = props.get(side + ".basic.auth.user.info");
            return info != null ? info : props.get(side + ".schema.registry.basic.auth.user.info");
        }
        if (source.equals("URL")) {
            try {
                return URI.create(url).getUserInfo();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
