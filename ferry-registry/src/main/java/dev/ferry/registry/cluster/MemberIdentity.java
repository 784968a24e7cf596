package dev.ferry.registry.cluster;

/**
 * What an instance tells the group about itself when it joins: where it serves and whether it may lead.
 * Encoded as Confluent's {@code SchemaRegistryIdentity} JSON so Ferry and Confluent instances can share a group.
 */
record MemberIdentity(String host, int port, boolean leaderEligible, String scheme, boolean leader) {

    /** The URL other instances forward writes to, e.g. {@code http://host:8081}. */
    String url() {
        return scheme + "://" + host + ":" + port;
    }

    MemberIdentity asLeader(boolean leader) {
        return new MemberIdentity(host, port, leaderEligible, scheme, leader);
    }
}
