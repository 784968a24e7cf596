package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.types.ArrayOf;
import org.apache.kafka.common.protocol.types.Field;
import org.apache.kafka.common.protocol.types.Schema;
import org.apache.kafka.common.protocol.types.SchemaException;
import org.apache.kafka.common.protocol.types.Struct;
import org.apache.kafka.common.protocol.types.Type;

/**
 * The bytes Connect workers exchange through the group coordinator: each member's subscription
 * metadata and each member's assignment, byte for byte as Apache Kafka Connect writes them, so
 * Apache and Ferry workers can share one group.
 *
 * <pre>
 * Subscription v0:    version:int16 | url:string | configOffset:int64
 * Subscription v1/v2: version:int16 | url:string | configOffset:int64 | allocation:nullable_bytes
 *                     (allocation = the member's current assignment, encoded as below, or null)
 * Assignment v0:      version:int16 | error:int16 | leader:string | leaderUrl:string | configOffset:int64
 *                     | assigned:[connector:string tasks:[int32]]
 * Assignment v1/v2:   the v0 fields, assigned nullable, then revoked:nullable[connector tasks] | delay:int32
 * </pre>
 *
 * A task number of -1 in {@code tasks} stands for the connector instance itself. The version
 * header decides nothing about the layout beyond v0/v1: v2 only tells peers that requests between
 * workers are signed. Readers accept any version from 0 up and ignore missing trailing fields, as
 * Apache's do, so a newer worker's additions do not break an older one.
 */
final class GroupProtocolCodec {

    /** The task number that stands for the connector instance in an item list. */
    static final int CONNECTOR_ITSELF = -1;

    private static final String VERSION = "version";
    private static final String URL = "url";
    private static final String CONFIG_OFFSET = "config_offset";
    private static final String ALLOCATION = "allocation";
    private static final String CONNECTOR = "connector";
    private static final String TASKS = "tasks";
    private static final String ERROR = "error";
    private static final String LEADER = "leader";
    private static final String LEADER_URL = "leader_url";
    private static final String ASSIGNED = "assigned";
    private static final String REVOKED = "revoked";
    private static final String DELAY = "delay";

    private static final Schema HEADER = new Schema(new Field(VERSION, Type.INT16));
    private static final Schema CONFIG_STATE = new Schema(
            new Field(URL, Type.STRING),
            new Field(CONFIG_OFFSET, Type.INT64));
    private static final Schema ALLOCATION_STATE = new Schema(true,
            new Field(ALLOCATION, Type.NULLABLE_BYTES, "the member's current assignment", true, null));
    private static final Schema ITEMS = new Schema(
            new Field(CONNECTOR, Type.STRING),
            new Field(TASKS, new ArrayOf(Type.INT32)));
    private static final Schema ASSIGNMENT_V0 = new Schema(
            new Field(ERROR, Type.INT16),
            new Field(LEADER, Type.STRING),
            new Field(LEADER_URL, Type.STRING),
            new Field(CONFIG_OFFSET, Type.INT64),
            new Field(ASSIGNED, new ArrayOf(ITEMS)));
    private static final Schema ASSIGNMENT_V1 = new Schema(true,
            new Field(ERROR, Type.INT16),
            new Field(LEADER, Type.STRING),
            new Field(LEADER_URL, Type.STRING),
            new Field(CONFIG_OFFSET, Type.INT64),
            new Field(ASSIGNED, ArrayOf.nullable(ITEMS), "newly assigned", true, null),
            new Field(REVOKED, ArrayOf.nullable(ITEMS), "to stop", true, null),
            new Field(DELAY, Type.INT32, "ms before rejoining", 0));

    private GroupProtocolCodec() {
    }

    /**
     * The subscription metadata of one subprotocol.
     *
     * @param allocation what this member runs now, or null before its first assignment; unused by v0
     */
    static byte[] subscription(Subprotocol protocol, String url, long configOffset, WorkerAssignment allocation) {
        Struct state = new Struct(CONFIG_STATE).set(URL, url).set(CONFIG_OFFSET, configOffset);
        Struct header = header(protocol.version());
        if (!protocol.cooperative()) {
            return write(header, state);
        }
        ByteBuffer encodedAllocation = allocation == null ? null : assignment(allocation, protocol.version());
        return write(header, state, new Struct(ALLOCATION_STATE).set(ALLOCATION, encodedAllocation));
    }

    /** Reads a member's subscription metadata of any version. */
    static MemberSubscription readSubscription(ByteBuffer buffer) {
        short version = readVersion(buffer, "subscription");
        Struct state = CONFIG_STATE.read(buffer);
        WorkerAssignment allocation = null;
        if (version > 0) {
            ByteBuffer encoded = ALLOCATION_STATE.read(buffer).getBytes(ALLOCATION);
            allocation = encoded == null ? null : readAssignment(encoded);
        }
        return new MemberSubscription(version, state.getString(URL), state.getLong(CONFIG_OFFSET), allocation);
    }

    /**
     * Encodes an assignment for one member. Version 0 has no revoked items or delay, so those must
     * be empty.
     */
    static ByteBuffer assignment(WorkerAssignment assignment, short version) {
        Struct struct;
        if (version == 0) {
            if (assignment.revokesAnything() || assignment.delayMs() != 0) {
                throw new IllegalArgumentException("An eager (v0) assignment cannot revoke or delay: " + assignment);
            }
            struct = new Struct(ASSIGNMENT_V0);
        } else {
            struct = new Struct(ASSIGNMENT_V1)
                    .set(REVOKED, items(assignment.revokedConnectors(), assignment.revokedTasks()))
                    .set(DELAY, assignment.delayMs());
        }
        struct.set(ERROR, assignment.error())
                .set(LEADER, assignment.leaderId())
                .set(LEADER_URL, assignment.leaderUrl())
                .set(CONFIG_OFFSET, assignment.configOffset())
                .set(ASSIGNED, items(assignment.connectors(), assignment.tasks()));
        return ByteBuffer.wrap(write(header(version), struct));
    }

    /** Reads an assignment of any version; a v0 one has no revoked items and no delay. */
    static WorkerAssignment readAssignment(ByteBuffer buffer) {
        readVersion(buffer, "assignment");
        Struct struct = ASSIGNMENT_V1.read(buffer);
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        readItems(struct.getArray(ASSIGNED), connectors, tasks);
        List<String> revokedConnectors = new ArrayList<>();
        List<ConnectorTaskId> revokedTasks = new ArrayList<>();
        readItems(struct.getArray(REVOKED), revokedConnectors, revokedTasks);
        return new WorkerAssignment(struct.getShort(ERROR), struct.getString(LEADER), struct.getString(LEADER_URL),
                struct.getLong(CONFIG_OFFSET), connectors, tasks, revokedConnectors, revokedTasks, struct.getInt(DELAY));
    }

    private static Struct header(short version) {
        return new Struct(HEADER).set(VERSION, version);
    }

    private static short readVersion(ByteBuffer buffer, String what) {
        short version = HEADER.read(buffer).getShort(VERSION);
        if (version < 0) {
            throw new SchemaException("Unsupported Connect " + what + " version " + version
                    + "; Connect protocol versions start at 0");
        }
        return version;
    }

    /** Groups items by connector, the connector itself (-1) first, in the order given. */
    private static Object[] items(List<String> connectors, List<ConnectorTaskId> tasks) {
        Map<String, List<Integer>> byConnector = new LinkedHashMap<>();
        for (String connector : connectors) {
            byConnector.computeIfAbsent(connector, c -> new ArrayList<>()).add(CONNECTOR_ITSELF);
        }
        for (ConnectorTaskId task : tasks) {
            byConnector.computeIfAbsent(task.connector(), c -> new ArrayList<>()).add(task.task());
        }
        return byConnector.entrySet().stream()
                .map(entry -> new Struct(ITEMS).set(CONNECTOR, entry.getKey()).set(TASKS, entry.getValue().toArray()))
                .toArray();
    }

    private static void readItems(Object[] entries, List<String> connectors, List<ConnectorTaskId> tasks) {
        if (entries == null) {
            return;
        }
        for (Object entry : entries) {
            Struct item = (Struct) entry;
            String connector = item.getString(CONNECTOR);
            for (Object task : item.getArray(TASKS)) {
                int number = (Integer) task;
                if (number == CONNECTOR_ITSELF) {
                    connectors.add(connector);
                } else {
                    tasks.add(new ConnectorTaskId(connector, number));
                }
            }
        }
    }

    private static byte[] write(Struct... parts) {
        int size = 0;
        for (Struct part : parts) {
            size += part.sizeOf();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (Struct part : parts) {
            part.writeTo(buffer);
        }
        return buffer.array();
    }
}
