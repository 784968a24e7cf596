package dev.ferry.rest.extensions;

import jakarta.ws.rs.core.Configurable;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/** What each extension's {@code register} gets: the configurable all extensions share, and the cluster state. */
final class ExtensionContext implements ConnectRestExtensionContext {
    private final ExtensionConfigurable configurable;
    private final ConnectClusterState clusterState;

    ExtensionContext(ExtensionConfigurable configurable, ConnectClusterState clusterState) {
        this.configurable = configurable;
        this.clusterState = clusterState;
    }

    @Override
    public Configurable<? extends Configurable<?>> configurable() {
        return configurable;
    }

    @Override
    public ConnectClusterState clusterState() {
        return clusterState;
    }
}
