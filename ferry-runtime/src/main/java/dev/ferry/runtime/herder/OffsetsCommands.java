package dev.ferry.runtime.herder;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.OffsetsChange;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;

/**
 * The offsets API ({@code GET/PATCH/DELETE /connectors/{c}/offsets}, KIP-875). Reading needs no
 * decision and runs beside the herder thread, as it may wait for Kafka; altering and resetting
 * are decisions (the connector must be STOPPED, only the leader changes offsets) and run on the
 * herder thread, so no connector can start between the check and the change. An exactly-once
 * source connector is fenced between a first check and the change ({@link TaskFencing}), and the
 * checks are made again after it, as the fencing runs off the herder thread.
 *
 * <p>Thread contract: any thread.
 */
final class OffsetsCommands {
    private final ConnectorOffsetsEditor editor;
    private final ConfigResolver resolver;
    private final ConfigView view;
    private final RequestQueue queue;
    private final Executor background;
    private final Runnable requireLeader;
    private final TaskFencing fencing;

    OffsetsCommands(ConnectorOffsetsEditor editor, ConfigResolver resolver, ConfigView view, RequestQueue queue,
                    Executor background, Runnable requireLeader, TaskFencing fencing) {
        this.editor = editor;
        this.resolver = resolver;
        this.view = view;
        this.queue = queue;
        this.background = background;
        this.requireLeader = requireLeader;
        this.fencing = fencing;
    }

    CompletionStage<ConnectorOffsets> read(String connector) {
        Map<String, String> config;
        try {
            config = view.requireConfig(connector);
        } catch (NotFoundException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> editor.read(connector, config, view.isSink(config)), background);
    }

    CompletionStage<OffsetsChange> alter(String connector, ConnectorOffsets offsets) {
        return fencedFirst(connector).thenCompose(ignored -> queue.submit(() -> {
            requireLeader.run();
            Map<String, String> stopped = view.requireStopped(connector);
            return editor.alter(connector, resolver.resolve(stopped), view.isSink(stopped), offsets);
        }));
    }

    CompletionStage<OffsetsChange> reset(String connector) {
        return fencedFirst(connector).thenCompose(ignored -> queue.submit(() -> {
            requireLeader.run();
            Map<String, String> stopped = view.requireStopped(connector);
            return editor.reset(connector, resolver.resolve(stopped), view.isSink(stopped));
        }));
    }

    /** The checks of a change, then the connector's fencing when it needs one. */
    private CompletionStage<Void> fencedFirst(String connector) {
        return queue.submit(() -> {
            requireLeader.run();
            view.requireStopped(connector);
            return view.snapshot();
        }).thenCompose(snapshot -> fencing.beforeOffsetsChange(connector, snapshot).exceptionally(error -> {
            throw new ConnectException("Failed to perform zombie fencing for source connector prior to modifying "
                    + "offsets: " + (error.getCause() != null ? error.getCause() : error).getMessage(), error);
        }));
    }
}
