package dev.ferry.registry.cluster;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.GroupRebalanceConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.internals.AbstractCoordinator;
import org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Timer;
import org.slf4j.Logger;

/**
 * This instance's side of the group protocol: offers its identity when joining, picks the leader when the
 * broker makes it the group's assigning member ({@link LeaderChoice}), and reports each assignment (or its
 * loss at the start of a rebalance) to the elector. Called on the elector's poll thread only.
 */
final class RegistryCoordinator extends AbstractCoordinator {
    private final Logger log;
    private final MemberIdentity identity;
    private final Consumer<GroupProtocol.Assignment> onAssigned;
    private final Runnable onRevoked;
    private volatile boolean leading;
    private GroupProtocol.Assignment assignment;

    RegistryCoordinator(GroupRebalanceConfig config, LogContext logContext, ConsumerNetworkClient client,
                        Metrics metrics, Time time, MemberIdentity identity,
                        Consumer<GroupProtocol.Assignment> onAssigned, Runnable onRevoked) {
        super(config, logContext, client, metrics, "schema-registry", time);
        this.log = logContext.logger(RegistryCoordinator.class);
        this.identity = identity;
        this.onAssigned = onAssigned;
        this.onRevoked = onRevoked;
    }

    @Override
    protected String protocolType() {
        return GroupProtocol.PROTOCOL_TYPE;
    }

    @Override
    protected JoinGroupRequestProtocolCollection metadata() {
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName(GroupProtocol.SUBPROTOCOL)
                .setMetadata(GroupProtocol.identity(identity.asLeader(leading))));
        return protocols;
    }

    @Override
    protected boolean onJoinPrepare(Timer timer, int generation, String memberId) {
        if (assignment != null) {
            onRevoked.run();
        }
        return true;
    }

    @Override
    protected Map<String, ByteBuffer> onLeaderElected(String leaderId, String protocol,
                                                      List<JoinGroupResponseMember> allMemberMetadata,
                                                      boolean skipAssignment) {
        Map<String, MemberIdentity> members = new LinkedHashMap<>();
        for (JoinGroupResponseMember member : allMemberMetadata) {
            members.put(member.memberId(), GroupProtocol.readIdentity(ByteBuffer.wrap(member.metadata())));
        }
        GroupProtocol.Assignment chosen = LeaderChoice.choose(members);
        if (chosen.error() == GroupProtocol.DUPLICATE_URLS) {
            log.error("Two schema registry instances advertise the same URL, so writes cannot be forwarded to the "
                    + "right one. Give each instance a host.name (and port) that the others can reach: {}", members);
        }
        log.info("Assigned the schema registry leader among {} members: {}", members.size(),
                chosen.leader() == null ? "none (no member has leader.eligibility=true)" : chosen.leader().url());
        Map<String, ByteBuffer> assignments = new LinkedHashMap<>();
        for (String member : members.keySet()) {
            assignments.put(member, GroupProtocol.assignment(chosen));
        }
        return assignments;
    }

    @Override
    protected void onJoinComplete(int generation, String memberId, String protocol, ByteBuffer memberAssignment) {
        assignment = GroupProtocol.readAssignment(memberAssignment);
        leading = assignment.error() == 0 && memberId.equals(assignment.leaderId());
        // With duplicate URLs nobody leads: forwarding could reach the wrong instance.
        onAssigned.accept(assignment.error() == 0 ? assignment
                : new GroupProtocol.Assignment(assignment.error(), null, null));
    }

    String joinedMemberId() {
        return memberId();
    }

    @Override
    protected synchronized boolean rejoinNeededOrPending() {
        return super.rejoinNeededOrPending() || assignment == null;
    }

    /** One round of group work: find the coordinator, (re)join when needed, heartbeat; at most {@code timeoutMs}. */
    void poll(long timeoutMs) {
        long deadline = time.milliseconds() + timeoutMs;
        if (coordinatorUnknown() && !ensureCoordinatorReady(time.timer(timeoutMs))) {
            return;
        }
        if (rejoinNeededOrPending()) {
            ensureActiveGroup();
        }
        long now = time.milliseconds();
        pollHeartbeat(now);
        client.poll(time.timer(Math.max(0, Math.min(deadline - now, timeToNextHeartbeat(now)))));
    }

    /** Leaves the group so the others elect a new leader at once. */
    void leave(long timeoutMs) {
        close(time.timer(timeoutMs), CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }
}
