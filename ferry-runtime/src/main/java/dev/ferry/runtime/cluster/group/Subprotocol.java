package dev.ferry.runtime.cluster.group;

import java.util.List;
import java.util.Locale;

/**
 * The Connect subprotocols a worker offers when it joins the group, by the names Apache Kafka
 * Connect registers with the group coordinator. The coordinator picks the first one every member
 * offers, so one worker configured for {@code eager} turns the whole group eager.
 */
enum Subprotocol {
    /** Stop everything on every rebalance and reassign from scratch (v0). */
    EAGER("default", (short) 0),
    /** Incremental cooperative rebalancing (KIP-415, v1). */
    COMPATIBLE("compatible", (short) 1),
    /** Cooperative, with signed requests between workers (KIP-507, v2). */
    SESSIONED("sessioned", (short) 2);

    private final String protocolName;
    private final short version;

    Subprotocol(String protocolName, short version) {
        this.protocolName = protocolName;
        this.version = version;
    }

    /** The name in JoinGroup requests and responses. */
    String protocolName() {
        return protocolName;
    }

    short version() {
        return version;
    }

    boolean cooperative() {
        return this != EAGER;
    }

    /** The subprotocol the coordinator chose, by its name in the JoinGroup response. */
    static Subprotocol ofName(String name) {
        for (Subprotocol protocol : values()) {
            if (protocol.protocolName.equals(name)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("Unknown Connect subprotocol '" + name
                + "'; expected one of default, compatible, sessioned");
    }

    /** The subprotocol of a {@code connect.protocol} setting: eager, compatible or sessioned. */
    static Subprotocol ofSetting(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "eager" -> EAGER;
            case "compatible" -> COMPATIBLE;
            case "sessioned" -> SESSIONED;
            default -> throw new IllegalArgumentException("Unknown connect.protocol '" + setting
                    + "'; use eager, compatible or sessioned");
        };
    }

    /** What a worker configured for {@code this} offers, most preferred first. */
    List<Subprotocol> offered() {
        return switch (this) {
            case EAGER -> List.of(EAGER);
            case COMPATIBLE -> List.of(COMPATIBLE, EAGER);
            case SESSIONED -> List.of(SESSIONED, COMPATIBLE, EAGER);
        };
    }
}
