package dev.ferry.registry.cluster;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Picks the leader among the members, as Confluent's registry does: a member that already leads and may lead
 * keeps the role (so a rebalance does not move it), otherwise the eligible member with the smallest URL; two
 * members claiming to lead, or none eligible, fall back to the smallest eligible URL or no leader at all.
 */
final class LeaderChoice {
    private LeaderChoice() {
    }

    static GroupProtocol.Assignment choose(Map<String, MemberIdentity> members) {
        String smallestId = null;
        MemberIdentity smallest = null;
        String stickyId = null;
        MemberIdentity sticky = null;
        int claimants = 0;
        Set<String> urls = new HashSet<>();
        for (Map.Entry<String, MemberIdentity> member : members.entrySet()) {
            MemberIdentity identity = member.getValue();
            urls.add(identity.url());
            if (!identity.leaderEligible()) {
                continue;
            }
            if (smallest == null || identity.url().compareTo(smallest.url()) < 0) {
                smallestId = member.getKey();
                smallest = identity;
            }
            if (identity.leader()) {
                claimants++;
                stickyId = member.getKey();
                sticky = identity;
            }
        }
        short error = urls.size() == members.size() ? 0 : GroupProtocol.DUPLICATE_URLS;
        if (claimants == 1) {
            return new GroupProtocol.Assignment(error, stickyId, sticky.asLeader(false));
        }
        return new GroupProtocol.Assignment(error, smallestId, smallest == null ? null : smallest.asLeader(false));
    }
}
