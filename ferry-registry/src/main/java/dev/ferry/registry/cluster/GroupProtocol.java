package dev.ferry.registry.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of Confluent's schema registry group protocol (protocol type {@code sr}, subprotocol {@code v0}):
 * member metadata is the identity JSON {@code {"host":...,"port":...,"master_eligibility":...,"scheme":...,
 * "version":1,"leader":...}}; the assignment, the same for every member, is
 * {@code {"error":0,"master":<member id>,"master_identity":{...},"version":1}} (fields in the order Confluent's
 * Jackson mapping writes them).
 */
final class GroupProtocol {
    static final String PROTOCOL_TYPE = "sr";
    static final String SUBPROTOCOL = "v0";
    /** Assignment error: two members advertise the same URL, so forwarding cannot tell them apart. */
    static final short DUPLICATE_URLS = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The leader the group's elected member chose; {@code leaderId} null when no member may lead. */
    record Assignment(short error, String leaderId, MemberIdentity leader) {
    }

    private GroupProtocol() {
    }

    static byte[] identity(MemberIdentity identity) {
        return bytes(identityNode(identity));
    }

    static MemberIdentity readIdentity(ByteBuffer buffer) {
        return identity(tree(buffer));
    }

    static ByteBuffer assignment(Assignment assignment) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", assignment.error());
        if (assignment.leaderId() != null) {
            node.put("master", assignment.leaderId());
            node.set("master_identity", identityNode(assignment.leader()));
        }
        node.put("version", 1);
        return ByteBuffer.wrap(bytes(node));
    }

    static Assignment readAssignment(ByteBuffer buffer) {
        JsonNode node = tree(buffer);
        JsonNode leader = node.get("master_identity");
        return new Assignment((short) node.path("error").asInt(0), node.hasNonNull("master") ? node.get("master").asText() : null,
                leader == null || leader.isNull() ? null : identity(leader));
    }

    private static ObjectNode identityNode(MemberIdentity identity) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("host", identity.host());
        node.put("port", identity.port());
        node.put("master_eligibility", identity.leaderEligible());
        node.put("scheme", identity.scheme());
        node.put("version", 1);
        node.put("leader", identity.leader());
        return node;
    }

    private static MemberIdentity identity(JsonNode node) {
        return new MemberIdentity(node.path("host").asText(), node.path("port").asInt(),
                node.path("master_eligibility").asBoolean(false), node.path("scheme").asText("http"),
                node.path("leader").asBoolean(false));
    }

    private static JsonNode tree(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("A schema registry group member sent metadata that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
