package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Reading the REST settings from Apache's worker config names. */
class RestSettingsTest {

    @Test
    void defaults_matchApaches() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of());

        assertThat(settings.listeners()).containsExactly(new RestSettings.Listener("http", "", 8083));
        assertThat(settings.adminListeners()).isNull();
        assertThat(settings.adminEnabled()).isTrue();
        assertThat(settings.topicTrackingEnabled()).isTrue();
        assertThat(settings.topicTrackingResetEnabled()).isTrue();
        assertThat(settings.requestTimeout()).isEqualTo(RestSettings.DEFAULT_REQUEST_TIMEOUT);
        assertThat(settings.healthCheckTimeout()).isEqualTo(RestSettings.DEFAULT_HEALTH_CHECK_TIMEOUT);
    }

    @Test
    void listeners_acceptStringsAndLists_includingIpv6() {
        RestSettings fromString = RestSettings.fromWorkerConfig(Map.of("listeners", "http://localhost:8083, HTTP://[::1]:9000"));
        RestSettings fromList = RestSettings.fromWorkerConfig(Map.of("listeners", List.of("http://0.0.0.0:0")));

        assertThat(fromString.listeners()).containsExactly(new RestSettings.Listener("http", "localhost", 8083),
                new RestSettings.Listener("http", "::1", 9000));
        assertThat(fromList.listeners()).containsExactly(new RestSettings.Listener("http", "0.0.0.0", 0));
    }

    @Test
    void adminListeners_nullEmptyOrList() {
        Map<String, Object> unset = new HashMap<>();
        unset.put("admin.listeners", null);

        assertThat(RestSettings.fromWorkerConfig(unset).adminListeners()).isNull();
        assertThat(RestSettings.fromWorkerConfig(Map.of("admin.listeners", "")).adminListeners()).isEmpty();
        assertThat(RestSettings.fromWorkerConfig(Map.of("admin.listeners", "")).adminEnabled()).isFalse();
        assertThat(RestSettings.fromWorkerConfig(Map.of("admin.listeners", "http://localhost:8084"))
                .adminOnSeparateListeners()).isTrue();
    }

    @Test
    void malformedListener_isRejectedNamingTheValue() {
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("listeners", "localhost:8083")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("localhost:8083")
                .hasMessageContaining("protocol://hostname:port");
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("listeners", "ftp://localhost:21")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("\"http\" or \"https\"");
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("listeners", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one URL");
    }

    @Test
    void advertisedSettings_areRead() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of("rest.advertised.host.name", "w1",
                "rest.advertised.port", 18083, "rest.advertised.listener", "HTTP"));

        assertThat(settings.advertisedHost()).isEqualTo("w1");
        assertThat(settings.advertisedPort()).isEqualTo(18083);
        assertThat(settings.advertisedListener()).isEqualTo("http");
    }

    @Test
    void corsSettings_areSplitOnCommas() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of("access.control.allow.origin",
                "http://a.example.com, http://b.example.com", "access.control.allow.methods", "GET,POST"));

        assertThat(settings.allowedOrigins()).containsExactly("http://a.example.com", "http://b.example.com");
        assertThat(settings.allowedMethods()).containsExactly("GET", "POST");
    }

    @Test
    void headerRules_parseEveryActionCaseInsensitively() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of("response.http.headers.config",
                "set X-A:1, ADD X-B: two words ,setDate Expires:1000, adddate Last-Modified:0"));

        assertThat(settings.responseHeaders()).containsExactly(
                new RestSettings.HeaderRule(RestSettings.HeaderRule.Action.SET, "X-A", "1"),
                new RestSettings.HeaderRule(RestSettings.HeaderRule.Action.ADD, "X-B", "two words"),
                new RestSettings.HeaderRule(RestSettings.HeaderRule.Action.SET_DATE, "Expires", "1000"),
                new RestSettings.HeaderRule(RestSettings.HeaderRule.Action.ADD_DATE, "Last-Modified", "0"));
    }

    @Test
    void malformedHeaderRules_areRejected() {
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("response.http.headers.config", "set")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[action] [header name]:[header value]");
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("response.http.headers.config", "put X:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set, add, setDate, addDate");
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("response.http.headers.config", "set X")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[header name]:[header value]");
        assertThatThrownBy(() -> RestSettings.fromWorkerConfig(Map.of("response.http.headers.config", "setDate X:soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("milliseconds");
    }

    @Test
    void topicTracking_canBeDisabled() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of("topic.tracking.enable", "false",
                "topic.tracking.allow.reset", false));

        assertThat(settings.topicTrackingEnabled()).isFalse();
        assertThat(settings.topicTrackingResetEnabled()).isFalse();
    }
}
