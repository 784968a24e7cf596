package dev.ferry.runtime.herder.contract;

import dev.ferry.runtime.herder.Herder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What the herder contract suite needs of a running control plane, whatever its mode: a herder
 * to send requests to, the REST layer's habit of following a {@link dev.ferry.runtime.model.NotLeaderException}
 * to the worker it names, a directory the suite's plugin writes its start log into, and the
 * expectations that differ between the modes by design. The suite never constructs herders
 * itself, so replacing the herder implementation only changes the fixtures.
 *
 * <p>Thread contract: called from the test thread; one fixture serves every test of a class.
 */
interface HerderFixture extends AutoCloseable {

    /** A short name for failure messages, e.g. {@code solo} or {@code cluster of 2}. */
    String mode();

    /** What this mode answers differently from the other, on purpose. */
    ModeExpectations expectations();

    /** How long an asynchronous effect (a task starting, a status arriving) may take in this mode. */
    Duration patience();

    /** The directory for start logs and failure switches; the plugin reads and writes it too. */
    Path scratch();

    /**
     * Sends one request to the worker a client would talk to, following "not the leader" (and "runs on
     * another worker") answers as the REST layer does, and waits for its answer.
     *
     * @throws RuntimeException the request's own failure, unwrapped (e.g. {@code NotFoundException})
     */
    <T> T send(Function<Herder, CompletionStage<T>> request);

    /** As {@link #send}, for the herder's synchronous reads (statuses, the connector list). */
    <T> T read(Function<Herder, T> request);

    /**
     * The same read on every worker, each answering from its own view (no forwarding): for states a
     * later step relies on, which must have reached every worker, as statuses that travel through the
     * status topic take a moment to.
     */
    <T> List<T> readEach(Function<Herder, T> request);

    /**
     * Stops every worker and starts them again over what they stored (the connectors file or the
     * config topic, and the offsets); this fixture is closed, the returned one serves the same
     * scratch directory.
     */
    HerderFixture restart() throws Exception;

    @Override
    void close();
}
