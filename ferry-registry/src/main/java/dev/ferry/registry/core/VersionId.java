package dev.ferry.registry.core;

/**
 * A version as a request names it: a number from 1, or {@code latest} / {@code -1} for the newest version.
 *
 * @param number the version, or -1 for the latest
 */
public record VersionId(int number) {
    public static final VersionId LATEST = new VersionId(-1);

    public boolean latest() {
        return number == -1;
    }

    /**
     * Parses a path segment.
     *
     * @throws RegistryException 42202 when it is neither a positive number nor {@code latest}/{@code -1}
     */
    public static VersionId parse(String text) {
        if ("latest".equalsIgnoreCase(text) || "-1".equals(text)) {
            return LATEST;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return new VersionId(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RegistryException(ErrorCode.INVALID_VERSION, "The specified version '" + text + "' is not a valid "
                + "version id. Use a number from 1 to " + Integer.MAX_VALUE + ", or 'latest' (or -1) for the newest.");
    }

    @Override
    public String toString() {
        return latest() ? "latest" : Integer.toString(number);
    }
}
