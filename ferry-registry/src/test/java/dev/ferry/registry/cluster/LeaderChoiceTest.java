package dev.ferry.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderChoiceTest {

    private static MemberIdentity member(String host, boolean eligible, boolean leader) {
        return new MemberIdentity(host, 8081, eligible, "http", leader);
    }

    @Test
    void theEligibleMemberWithTheSmallestUrlLeadsWhenNobodyLeadsYet() {
        Map<String, MemberIdentity> members = new LinkedHashMap<>();
        members.put("m-c", member("c", true, false));
        members.put("m-a", member("a", false, false));
        members.put("m-b", member("b", true, false));
        GroupProtocol.Assignment chosen = LeaderChoice.choose(members);
        assertThat(chosen.leaderId()).isEqualTo("m-b");
        assertThat(chosen.leader().url()).isEqualTo("http://b:8081");
        assertThat(chosen.error()).isZero();
    }

    @Test
    void aMemberThatAlreadyLeadsKeepsLeadingWhenAnotherJoins() {
        Map<String, MemberIdentity> members = new LinkedHashMap<>();
        members.put("m-a", member("a", true, false));
        members.put("m-z", member("z", true, true));
        assertThat(LeaderChoice.choose(members).leaderId()).isEqualTo("m-z");
    }

    @Test
    void twoClaimantsFallBackToTheSmallestUrl() {
        Map<String, MemberIdentity> members = new LinkedHashMap<>();
        members.put("m-y", member("y", true, true));
        members.put("m-x", member("x", true, true));
        assertThat(LeaderChoice.choose(members).leaderId()).isEqualTo("m-x");
    }

    @Test
    void nobodyLeadsWhenNoMemberIsEligibleAndDuplicateUrlsAreFlagged() {
        Map<String, MemberIdentity> members = new LinkedHashMap<>();
        members.put("m-1", member("same", false, false));
        members.put("m-2", member("same", false, false));
        GroupProtocol.Assignment chosen = LeaderChoice.choose(members);
        assertThat(chosen.leaderId()).isNull();
        assertThat(chosen.error()).isEqualTo(GroupProtocol.DUPLICATE_URLS);
    }

    @Test
    void identityAndAssignmentAreConfluentsJson() {
        MemberIdentity identity = member("10.0.0.5", true, false);
        assertThat(new String(GroupProtocol.identity(identity), StandardCharsets.UTF_8)).isEqualTo(
                "{\"host\":\"10.0.0.5\",\"port\":8081,\"master_eligibility\":true,\"scheme\":\"http\",\"version\":1,"
                        + "\"leader\":false}");
        ByteBuffer assignment = GroupProtocol.assignment(new GroupProtocol.Assignment((short) 0, "m-1", identity));
        assertThat(StandardCharsets.UTF_8.decode(assignment.duplicate()).toString()).isEqualTo(
                "{\"error\":0,\"master\":\"m-1\",\"master_identity\":{\"host\":\"10.0.0.5\",\"port\":8081,"
                        + "\"master_eligibility\":true,\"scheme\":\"http\",\"version\":1,\"leader\":false},\"version\":1}");
        assertThat(GroupProtocol.readAssignment(assignment)).isEqualTo(
                new GroupProtocol.Assignment((short) 0, "m-1", identity));
        // As a Confluent member writes it, without the newer fields.
        assertThat(GroupProtocol.readIdentity(ByteBuffer.wrap(
                "{\"version\":1,\"host\":\"h\",\"port\":8081,\"master_eligibility\":true}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new MemberIdentity("h", 8081, true, "http", false));
    }
}
