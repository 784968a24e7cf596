package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.WorkerAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.protocol.types.SchemaException;
import org.junit.jupiter.api.Test;

/**
 * The group protocol bytes against golden values. Each golden value was produced by Apache Kafka
 * Connect 4.3.1's own ConnectProtocol / IncrementalCooperativeConnectProtocol for the same
 * content, and Apache read Ferry's bytes back to the same content, so these pin wire
 * compatibility in both directions.
 */
class GroupProtocolCodecTest {
    private static final String LEADER_URL = "http://l:8083/";
    private static final String WORKER_URL = "http://w:8083/";

    /** Apache v2 assignment: assigned a, a-0, b-1; revoked c, c-2; delay 7. */
    private static final String ASSIGNMENT_V2 = "0002" + "0000" + "00086c65616465722d31" + "000e687474703a2f2f6c3a383038332f"
            + "000000000000002a"
            + "00000002" + "000161" + "00000002ffffffff00000000" + "000162" + "0000000100000001"
            + "00000001" + "000163" + "00000002ffffffff00000002"
            + "00000007";
    /** Apache v0 assignment with error CONFIG_MISMATCH: a, a-0. */
    private static final String ASSIGNMENT_V0 = "0000" + "0001" + "00086c65616465722d31" + "000e687474703a2f2f6c3a383038332f"
            + "000000000000002a" + "00000001" + "000161" + "00000002ffffffff00000000";
    /** Apache v1 subscription of a worker running a and a-0. */
    private static final String SUBSCRIPTION_V1 = "0001" + "000e687474703a2f2f773a383038332f" + "000000000000002a"
            + "00000041" + "0001" + "0000" + "00086c65616465722d31" + "000e687474703a2f2f6c3a383038332f" + "000000000000002a"
            + "00000001000161" + "00000002ffffffff00000000" + "00000000" + "00000000";
    private static final String SUBSCRIPTION_V1_NOTHING_ASSIGNED = "0001" + "000e687474703a2f2f773a383038332f"
            + "000000000000002a" + "ffffffff";
    private static final String SUBSCRIPTION_V0 = "0000" + "000e687474703a2f2f773a383038332f" + "000000000000002a";

    @Test
    void cooperativeAssignment_matchesApacheBytes() {
        WorkerAssignment assignment = new WorkerAssignment(WorkerAssignment.NO_ERROR, "leader-1", LEADER_URL, 42,
                List.of("a"), List.of(task("a", 0), task("b", 1)), List.of("c"), List.of(task("c", 2)), 7);

        assertThat(hex(GroupProtocolCodec.assignment(assignment, (short) 2))).isEqualTo(ASSIGNMENT_V2);
        assertThat(GroupProtocolCodec.readAssignment(bytes(ASSIGNMENT_V2))).isEqualTo(assignment);
    }

    @Test
    void eagerAssignment_matchesApacheBytes_andReadsWithNothingRevoked() {
        WorkerAssignment assignment = new WorkerAssignment(WorkerAssignment.CONFIG_MISMATCH, "leader-1", LEADER_URL, 42,
                List.of("a"), List.of(task("a", 0)), List.of(), List.of(), 0);

        assertThat(hex(GroupProtocolCodec.assignment(assignment, (short) 0))).isEqualTo(ASSIGNMENT_V0);
        WorkerAssignment read = GroupProtocolCodec.readAssignment(bytes(ASSIGNMENT_V0));
        assertThat(read).isEqualTo(assignment);
        assertThat(read.failed()).isTrue();
    }

    @Test
    void eagerAssignment_cannotCarryRevocations() {
        WorkerAssignment revoking = new WorkerAssignment(WorkerAssignment.NO_ERROR, "leader-1", LEADER_URL, 42,
                List.of(), List.of(), List.of("a"), List.of(), 0);

        assertThatThrownBy(() -> GroupProtocolCodec.assignment(revoking, (short) 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot revoke");
    }

    @Test
    void cooperativeSubscription_matchesApacheBytes_withAllocation() {
        WorkerAssignment allocation = new WorkerAssignment(WorkerAssignment.NO_ERROR, "leader-1", LEADER_URL, 42,
                List.of("a"), List.of(task("a", 0)), List.of(), List.of(), 0);

        assertThat(hex(GroupProtocolCodec.subscription(Subprotocol.COMPATIBLE, WORKER_URL, 42, allocation)))
                .isEqualTo(SUBSCRIPTION_V1);
        assertThat(GroupProtocolCodec.readSubscription(bytes(SUBSCRIPTION_V1)))
                .isEqualTo(new MemberSubscription((short) 1, WORKER_URL, 42, allocation));
    }

    @Test
    void sessionedSubscription_differsFromCompatibleOnlyInTheVersions() {
        WorkerAssignment allocation = new WorkerAssignment(WorkerAssignment.NO_ERROR, "leader-1", LEADER_URL, 42,
                List.of("a"), List.of(task("a", 0)), List.of(), List.of(), 0);
        String sessioned = "0002" + SUBSCRIPTION_V1.substring(4, 60) + "0002" + SUBSCRIPTION_V1.substring(64);

        assertThat(hex(GroupProtocolCodec.subscription(Subprotocol.SESSIONED, WORKER_URL, 42, allocation)))
                .isEqualTo(sessioned);
        assertThat(GroupProtocolCodec.readSubscription(bytes(sessioned)).version()).isEqualTo((short) 2);
    }

    @Test
    void subscriptionOfAWorkerWithNothingAssigned_hasANullAllocation() {
        assertThat(hex(GroupProtocolCodec.subscription(Subprotocol.COMPATIBLE, WORKER_URL, 42, null)))
                .isEqualTo(SUBSCRIPTION_V1_NOTHING_ASSIGNED);
        MemberSubscription read = GroupProtocolCodec.readSubscription(bytes(SUBSCRIPTION_V1_NOTHING_ASSIGNED));
        assertThat(read.allocation()).isNull();
        assertThat(read.runsNothing()).isTrue();
    }

    @Test
    void eagerSubscription_isVersionUrlAndOffsetOnly() {
        WorkerAssignment ignored = new WorkerAssignment(WorkerAssignment.NO_ERROR, "leader-1", LEADER_URL, 42,
                List.of("a"), List.of(), List.of(), List.of(), 0);

        assertThat(hex(GroupProtocolCodec.subscription(Subprotocol.EAGER, WORKER_URL, 42, ignored))).isEqualTo(SUBSCRIPTION_V0);
        assertThat(GroupProtocolCodec.readSubscription(bytes(SUBSCRIPTION_V0)))
                .isEqualTo(new MemberSubscription((short) 0, WORKER_URL, 42, null));
    }

    @Test
    void assignment_roundTripsEveryVersion_itemsGroupedByConnector() {
        WorkerAssignment assignment = new WorkerAssignment(WorkerAssignment.NO_ERROR, "connect-1-abc", "https://x:1/", -1,
                List.of("zeta", "alpha"), List.of(task("zeta", 11), task("alpha", 3), task("other", 0)),
                List.of(), List.of(), 0);

        for (short version = 0; version <= 2; version++) {
            assertThat(GroupProtocolCodec.readAssignment(GroupProtocolCodec.assignment(assignment, version)))
                    .as("version %d", version)
                    .isEqualTo(assignment);
        }
    }

    @Test
    void newerVersions_areReadAsFarAsTheyAreKnown() {
        String v3 = "0003" + ASSIGNMENT_V2.substring(4) + "0000abcd";

        WorkerAssignment read = GroupProtocolCodec.readAssignment(bytes(v3));

        assertThat(read.connectors()).containsExactly("a");
        assertThat(read.delayMs()).isEqualTo(7);
    }

    @Test
    void negativeVersion_isRejectedWithTheVersionInTheMessage() {
        assertThatThrownBy(() -> GroupProtocolCodec.readSubscription(bytes("ffff" + SUBSCRIPTION_V0.substring(4))))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("version -1");
    }

    private static ConnectorTaskId task(String connector, int task) {
        return new ConnectorTaskId(connector, task);
    }

    private static String hex(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return HexFormat.of().formatHex(copy);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }
}
