package dev.ferry.runtime.task;

import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured key, value and header converters of one task: the connector's own where it sets
 * {@code key.converter} and friends, the worker's otherwise.
 *
 * <p>Thread contract: used by the task thread; closed once when the task stops.
 */
public record RecordConverters(Converter key, Converter value, HeaderConverter header) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordConverters.class);

    @Override
    public void close() {
        closeQuietly(key, "key");
        closeQuietly(value, "value");
        closeQuietly(header, "header");
    }

    private static void closeQuietly(java.io.Closeable converter, String role) {
        try (LoaderSwap ignored = Plugins.swapLoaderOf(converter)) {
            converter.close();
        } catch (Exception e) {
            log.warn("Could not close the {} converter {}", role, converter.getClass().getName(), e);
        }
    }
}
