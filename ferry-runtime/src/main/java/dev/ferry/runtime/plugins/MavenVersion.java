package dev.ferry.runtime.plugins;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plugin version ordered the way Maven orders artifact versions, which is how Apache's runtime picks the
 * latest of several installed versions of a plugin.
 *
 * <p>A version is split into items at {@code .}, at {@code -} and wherever digits meet letters; a {@code -} or
 * a digit/letter switch opens a nested list. Numbers compare numerically. Qualifiers rank
 * {@code alpha < beta < milestone < rc = cr < snapshot < (release) = ga = final < sp}, then any other
 * qualifier in alphabetical order. Trailing zeros and release qualifiers do not count, so
 * {@code 1 = 1.0 = 1.0.0 = 1.0-ga}. A single letter {@code a}, {@code b} or {@code m} directly followed by a
 * digit abbreviates alpha, beta and milestone ({@code 1.0a1 = 1.0-alpha-1}). Anything else, including
 * {@code undefined}, sorts below every release.
 */
final class MavenVersion implements Comparable<MavenVersion> {

    private static final List<String> QUALIFIER_ORDER = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final int RELEASE_RANK = QUALIFIER_ORDER.indexOf("");

    private final String text;
    private final ListItem items;

    private MavenVersion(String text) {
        this.text = text;
        this.items = parse(text);
    }

    static MavenVersion of(String text) {
        return new MavenVersion(text == null ? "" : text.trim());
    }

    @Override
    public int compareTo(MavenVersion other) {
        return items.compareTo(other.items);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MavenVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return items.toString().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private sealed interface Item permits NumberItem, QualifierItem, ListItem {
        /** Compares with another item, or with "nothing" (padding) when {@code other} is null. */
        int compareTo(Item other);

        boolean isNull();
    }

    private record NumberItem(BigInteger value) implements Item {
        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return value.signum();
            }
            if (other instanceof NumberItem n) {
                return value.compareTo(n.value);
            }
            return 1; // a number beats a qualifier or a nested list
        }

        @Override
        public boolean isNull() {
            return value.signum() == 0;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    private record QualifierItem(String value) implements Item {
        static QualifierItem of(String raw, boolean followedByDigit) {
            String q = raw.toLowerCase(Locale.ROOT);
            if (followedByDigit && q.length() == 1) {
                q = switch (q) {
                    case "a" -> "alpha";
                    case "b" -> "beta";
                    case "m" -> "milestone";
                    default -> q;
                };
            }
            q = switch (q) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> q;
            };
            return new QualifierItem(q);
        }

        private static String rank(String qualifier) {
            int known = QUALIFIER_ORDER.indexOf(qualifier);
            return known >= 0 ? String.valueOf(known) : QUALIFIER_ORDER.size() + "-" + qualifier;
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return rank(value).compareTo(String.valueOf(RELEASE_RANK));
            }
            if (other instanceof QualifierItem q) {
                return rank(value).compareTo(rank(q.value));
            }
            return -1; // a qualifier is below a number and below a nested list
        }

        @Override
        public boolean isNull() {
            return value.isEmpty();
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private static final class ListItem implements Item {
        private final List<Item> items = new ArrayList<>();

        void add(Item item) {
            items.add(item);
        }

        /** Drops trailing items that mean nothing (zeros, release qualifiers) so that 1.0 equals 1. */
        void trim() {
            for (int i = items.size() - 1; i >= 0; i--) {
                Item last = items.get(i);
                if (last.isNull()) {
                    items.remove(i);
                } else if (!(last instanceof ListItem)) {
                    break;
                }
            }
        }

        @Override
        public int compareTo(Item other) {
            if (other == null) {
                return items.isEmpty() ? 0 : items.get(0).compareTo(null);
            }
            if (other instanceof NumberItem) {
                return -1;
            }
            if (other instanceof QualifierItem) {
                return 1;
            }
            List<Item> theirs = ((ListItem) other).items;
            for (int i = 0; i < Math.max(items.size(), theirs.size()); i++) {
                Item mine = i < items.size() ? items.get(i) : null;
                Item their = i < theirs.size() ? theirs.get(i) : null;
                int result = mine == null ? -their.compareTo(null) : mine.compareTo(their);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        @Override
        public boolean isNull() {
            return items.isEmpty();
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    private static ListItem parse(String version) {
        ListItem root = new ListItem();
        List<ListItem> opened = new ArrayList<>();
        opened.add(root);
        ListItem current = root;
        int start = 0;
        boolean digits = false;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                current.add(i == start ? new NumberItem(BigInteger.ZERO) : item(version, start, i, digits, false));
                start = i + 1;
                if (c == '-') {
                    current = openList(current, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!digits && i > start) {
                    current.add(item(version, start, i, false, true));
                    start = i;
                    current = openList(current, opened);
                }
                digits = true;
            } else {
                if (digits && i > start) {
                    current.add(item(version, start, i, true, false));
                    start = i;
                    current = openList(current, opened);
                }
                digits = false;
            }
        }
        if (version.length() > start) {
            current.add(item(version, start, version.length(), digits, false));
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).trim();
        }
        return root;
    }

    private static ListItem openList(ListItem parent, List<ListItem> opened) {
        ListItem child = new ListItem();
        parent.add(child);
        opened.add(child);
        return child;
    }

    private static Item item(String version, int from, int to, boolean digits, boolean followedByDigit) {
        String token = version.substring(from, to);
        return digits ? new NumberItem(new BigInteger(token)) : QualifierItem.of(token, followedByDigit);
    }
}
