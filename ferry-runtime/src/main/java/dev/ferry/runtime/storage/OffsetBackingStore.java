package dev.ferry.runtime.storage;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where source offsets live: raw key and value bytes in Apache's format (see {@link OffsetCodec}),
 * so an existing deployment's offsets carry over. Standalone mode keeps them in a file; distributed
 * mode in the offsets topic.
 *
 * <p>Thread contract: safe for concurrent use; {@link #set} completes once the values are durable.
 */
public interface OffsetBackingStore extends AutoCloseable {

    /** Loads the stored offsets; must be called once before any other method. */
    void start();

    /** The stored values of the given keys; absent keys are missing from the result. */
    CompletableFuture<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys);

    /** Stores the values; a null value deletes the key. */
    CompletableFuture<Void> set(Map<ByteBuffer, ByteBuffer> values);

    /** Every key read so far, without waiting for what others may have written meanwhile. */
    Map<ByteBuffer, ByteBuffer> snapshot();

    /**
     * Every key stored, including everything written (by anyone) before this call: what the offsets
     * REST API answers, so a read right after an alter or a reset shows it. A store only this
     * worker writes answers with its snapshot.
     */
    default CompletableFuture<Map<ByteBuffer, ByteBuffer>> readAll() {
        return CompletableFuture.completedFuture(snapshot());
    }

    @Override
    void close();
}
