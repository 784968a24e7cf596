package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that records each call as a short text, with the thread it came on, for tests to await. */
public final class RecordedConfigEvents implements ConfigUpdateListener {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> threads = new ArrayList<>();

    /** The next {@code count} events, in order; fails if they do not come within five seconds. */
    public List<String> next(int count) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        while (taken.size() < count) {
            String event = events.poll(5, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("Expected " + count + " events, got " + taken);
            }
            taken.add(event);
        }
        return taken;
    }

    /** Whether no further event arrives within {@code millis}. */
    public boolean quietFor(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    public synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    private void record(String event) {
        synchronized (this) {
            threads.add(Thread.currentThread().getName());
        }
        events.add(event);
    }

    @Override
    public void onConnectorConfigUpdate(String connector) {
        record("config " + connector);
    }

    @Override
    public void onConnectorConfigRemove(String connector) {
        record("remove " + connector);
    }

    @Override
    public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
        record("tasks " + tasks);
    }

    @Override
    public void onTargetStateChange(String connector) {
        record("state " + connector);
    }

    @Override
    public void onSessionKeyUpdate(SessionKey key) {
        record("session key");
    }

    @Override
    public void onRestartRequest(RestartRequest request) {
        record("restart " + request.connector() + " onlyFailed=" + request.onlyFailed() + " includeTasks="
                + request.includeTasks());
    }

    @Override
    public void onLoggerLevelUpdate(String namespace, String level) {
        record("logger " + namespace + "=" + level);
    }
}
