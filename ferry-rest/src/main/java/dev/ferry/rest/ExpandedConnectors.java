package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bodies of {@code GET /connectors?expand=status} (and {@code info}, and both), each serialized once and sent
 * to every read until {@link Herder#readStamp} changes. On a worker with 200 connectors and 1,000 tasks the body is
 * about 100 KB; building and serializing it on every read was the work behind the reads' p99 under 20 concurrent
 * clients, and between status or config changes every read would build the same bytes. Readers that find the body
 * out of date while another builds it for the same stamp wait for that build rather than make their own.
 *
 * <p>No read sees an answer older than itself: the stamp is taken before anything is read and changes only after a
 * change is visible to the herder's reads, so a body kept under a stamp holds every change made before any reader
 * took that stamp. A body whose stamp changed while it was built is still sent to the readers of that build, which
 * overlapped the change, but not kept.
 *
 * <p>Thread contract: any request thread.
 */
final class ExpandedConnectors {
    private static final Logger log = LoggerFactory.getLogger(ExpandedConnectors.class);

    private final Herder herder;
    private final HerderCalls calls;
    private final JsonResponses json;
    /** The last body of each expansion, by index: 1 status, 2 info, 3 both, 0 neither. */
    @SuppressWarnings("unchecked")
    private final AtomicReference<Body>[] bodies = new AtomicReference[4];

    ExpandedConnectors(Herder herder, HerderCalls calls, JsonResponses json) {
        this.herder = herder;
        this.calls = calls;
        this.json = json;
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = new AtomicReference<>();
        }
    }

    /** A body as serialized from the herder's answers read after {@code stamp} was taken. */
    private record Body(Object stamp, CompletableFuture<byte[]> bytes) {
    }

    /** The serialized map of connector name to its expansions, sorted by name, {@code status} before {@code info}. */
    byte[] body(boolean status, boolean info) {
        AtomicReference<Body> slot = bodies[(status ? 1 : 0) + (info ? 2 : 0)];
        Object stamp = herder.readStamp();
        while (true) {
            Body kept = slot.get();
            if (kept != null && kept.stamp().equals(stamp)) {
                return calls.await(kept.bytes());
            }
            Body mine = new Body(stamp, new CompletableFuture<>());
            if (slot.compareAndSet(kept, mine)) {
                build(mine, slot, status, info);
                return calls.await(mine.bytes());
            }
        }
    }

    private void build(Body body, AtomicReference<Body> slot, boolean status, boolean info) {
        try {
            body.bytes().complete(json.render(expanded(status, info)));
            if (!herder.readStamp().equals(body.stamp())) {
                slot.compareAndSet(body, null);
            }
        } catch (RuntimeException | Error e) {
            slot.compareAndSet(body, null);
            body.bytes().completeExceptionally(e);
        }
    }

    private Map<String, Map<String, Object>> expanded(boolean status, boolean info) {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        for (String connector : herder.connectors()) {
            try {
                // Apache's expansion map happens to put "status" before "info"; keep that order.
                Map<String, Object> expansion = new LinkedHashMap<>();
                if (status) {
                    expansion.put("status", ConnectorStateJson.of(herder.connectorStatus(connector)));
                }
                if (info) {
                    expansion.put("info", ConnectorInfoJson.of(calls.await(herder.connectorInfo(connector))));
                }
                result.put(connector, expansion);
            } catch (NotFoundException e) {
                log.debug("Connector {} was removed while listing connectors; leaving it out", connector);
            }
        }
        return result;
    }
}
