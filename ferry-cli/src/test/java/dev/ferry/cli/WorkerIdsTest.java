package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.rest.RestSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker id and URL other workers use, as Apache derives them from the listeners. */
class WorkerIdsTest {
    @Test
    void advertisedListener_picksTheFirstListenerOfItsProtocol() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of(
                "listeners", "http://127.0.0.1:8083,https://127.0.0.1:8443", "rest.advertised.listener", "https"));

        String id = WorkerIds.fromRestSettings(settings);

        assertThat(id).isEqualTo("127.0.0.1:8443");
        assertThat(WorkerIds.advertisedUrl(settings, id)).isEqualTo("https://127.0.0.1:8443/");
    }

    @Test
    void withoutAdvertisedListener_theFirstListener() {
        RestSettings settings = RestSettings.fromWorkerConfig(Map.of("listeners", "http://127.0.0.1:8083,https://127.0.0.1:8443"));

        assertThat(WorkerIds.advertisedUrl(settings, WorkerIds.fromRestSettings(settings))).isEqualTo("http://127.0.0.1:8083/");
    }
}
