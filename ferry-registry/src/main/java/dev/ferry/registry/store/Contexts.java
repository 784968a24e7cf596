package dev.ferry.registry.store;

/**
 * Schema contexts as Confluent names them in subjects: {@code :.ctx:name} is subject {@code name} in context
 * {@code .ctx}; a subject without that prefix is in the default context {@code .}. Ids are unique per context.
 */
public final class Contexts {
    public static final String DEFAULT = ".";
    /** The subject prefix Confluent uses for "any context". */
    public static final String WILDCARD = ":*:";

    private Contexts() {
    }

    /** The context a (possibly qualified) subject belongs to; {@link #DEFAULT} for a plain one or null. */
    public static String of(String subject) {
        if (subject == null || !subject.startsWith(":.")) {
            return DEFAULT;
        }
        int end = subject.indexOf(':', 2);
        return end < 0 ? subject.substring(1) : subject.substring(1, end);
    }

    /** The subject's name without its context prefix. */
    public static String unqualified(String subject) {
        if (subject == null || !subject.startsWith(":.")) {
            return subject;
        }
        int end = subject.indexOf(':', 2);
        return end < 0 ? "" : subject.substring(end + 1);
    }

    /** Whether {@code subject} names only a context ({@code :.ctx:} or {@code :.ctx}), not a subject in it. */
    public static boolean isContextOnly(String subject) {
        if (subject == null || !subject.startsWith(":.")) {
            return false;
        }
        int end = subject.indexOf(':', 2);
        return end < 0 || end == subject.length() - 1;
    }

    /**
     * The subject a reference names, resolved like Confluent: a reference without a context prefix is in the
     * referring subject's context.
     */
    public static String qualifyReference(String referringSubject, String referencedSubject) {
        String context = of(referringSubject);
        if (referencedSubject.startsWith(":.") || DEFAULT.equals(context)) {
            return referencedSubject;
        }
        return ":" + context + ":" + referencedSubject;
    }
}
