package dev.ferry.registry.core;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the registry's writes on this instance: each write checks the state and then writes, and the
 * check must still hold when the write lands (two registrations must not both take the next id). Only the
 * leader writes, so one lock per instance orders all writes of the group.
 */
final class WriteGate {
    private final ReentrantLock lock = new ReentrantLock(true);

    <T> T run(Supplier<T> write) {
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}
