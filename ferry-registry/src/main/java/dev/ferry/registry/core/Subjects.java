package dev.ferry.registry.core;

/** Subject name rules shared by the operations that create subjects. */
final class Subjects {
    private Subjects() {
    }

    /** @throws RegistryException 42208 for an empty name or one with control characters */
    static void requireValid(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new RegistryException(ErrorCode.INVALID_SUBJECT, "The subject name is empty. Name the subject in "
                    + "the path, e.g. /subjects/orders-value/versions.");
        }
        for (int i = 0; i < subject.length(); i++) {
            if (Character.isISOControl(subject.charAt(i))) {
                throw new RegistryException(ErrorCode.INVALID_SUBJECT, "The subject name '" + subject.replaceAll(
                        "\\p{Cntrl}", "?") + "' contains a control character; use printable characters only.");
            }
        }
    }
}
