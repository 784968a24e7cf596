package dev.ferry.registry.core;

import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreWriter;
import dev.ferry.schema.CompatibilityLevel;

/**
 * The registry's operations over one state and one store, grouped by concern: {@link #lookup()} reads,
 * {@link #registration()} registers and tests compatibility, {@link #deletion()} deletes, {@link #settings()}
 * holds compatibility levels and modes. The REST layer maps HTTP onto these.
 */
public final class SchemaRegistry {
    private final SchemaLookup lookup;
    private final SchemaRegistration registration;
    private final SchemaDeletion deletion;
    private final ScopedSettings settings;
    private final RegistryState state;
    private final StoreWriter writer;

    public SchemaRegistry(RegistryState state, StoreWriter writer, CompatibilityLevel defaultLevel) {
        this.state = state;
        this.writer = writer;
        WriteGate gate = new WriteGate();
        SchemaResolver resolver = new SchemaResolver(state);
        this.settings = new ScopedSettings(state, writer, gate, defaultLevel, Mode.READWRITE);
        this.lookup = new SchemaLookup(state, resolver);
        this.registration = new SchemaRegistration(state, writer, gate, resolver, settings);
        this.deletion = new SchemaDeletion(state, writer, gate, settings);
    }

    /** A number that changes whenever the registry's contents change (for caches of rendered answers). */
    public long stateVersion() {
        return state.appliedRecords();
    }

    /** Waits until this instance has read everything the topic holds now (after the leader made a write for it). */
    public void awaitStoreEnd() {
        writer.awaitEnd();
    }

    public SchemaLookup lookup() {
        return lookup;
    }

    public SchemaRegistration registration() {
        return registration;
    }

    public SchemaDeletion deletion() {
        return deletion;
    }

    public ScopedSettings settings() {
        return settings;
    }
}
