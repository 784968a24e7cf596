package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import java.util.Collection;

/** Passes every listener call to a {@link RecordedConfigEvents}, after {@link #before()}, for tests to intercept. */
class RecordedConfigEventsForwarder implements ConfigUpdateListener {
    private final RecordedConfigEvents target;

    RecordedConfigEventsForwarder(RecordedConfigEvents target) {
        this.target = target;
    }

    void before() {
    }

    @Override
    public void onConnectorConfigUpdate(String connector) {
        before();
        target.onConnectorConfigUpdate(connector);
    }

    @Override
    public void onConnectorConfigRemove(String connector) {
        before();
        target.onConnectorConfigRemove(connector);
    }

    @Override
    public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
        before();
        target.onTaskConfigUpdate(tasks);
    }

    @Override
    public void onTargetStateChange(String connector) {
        before();
        target.onTargetStateChange(connector);
    }

    @Override
    public void onSessionKeyUpdate(SessionKey key) {
        before();
        target.onSessionKeyUpdate(key);
    }

    @Override
    public void onRestartRequest(RestartRequest request) {
        before();
        target.onRestartRequest(request);
    }

    @Override
    public void onLoggerLevelUpdate(String namespace, String level) {
        before();
        target.onLoggerLevelUpdate(namespace, level);
    }
}
