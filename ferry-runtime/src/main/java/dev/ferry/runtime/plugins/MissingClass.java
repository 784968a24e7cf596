package dev.ferry.runtime.plugins;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A class that plugin code needed and that no class loader it may use could find: the name, and the plugin
 * location whose loader was asked for it when that is known (a plugin that links a class of a library it does
 * not carry). Read from the cause chain of whatever the plugin threw: the JVM reports such a class as a
 * {@link NoClassDefFoundError} whose cause is the {@link ClassNotFoundException} of the loader that was asked,
 * and a {@link PluginClassLoader} names its location in that exception's message ({@link #notInPlugin}).
 *
 * @param className the missing class's binary name, e.g. {@code org.apache.kafka.connect.runtime.ConnectorConfig}
 * @param location  the plugin directory or archive whose loader was asked, or null when the class was asked of
 *                  the worker's class path or the failure does not say
 * @param reason    what the loader that was asked said beyond the name (the compatibility library's loader says
 *                  what to install), or null
 */
public record MissingClass(String className, Path location, String reason) {

    /** A missing class without a loader's own reason. */
    public MissingClass(String className, Path location) {
        this(className, location, null);
    }

    /** How the JVM words a class whose static initialiser failed before, when it is used again. */
    static final String NOT_INITIALIZED = "Could not initialize class ";

    /**
     * The missing class named in {@code failure}'s cause chain, if any. A class whose static initialiser failed
     * earlier ({@code "Could not initialize class X"}) is not missing and is not reported here.
     */
    public static Optional<MissingClass> in(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String name = null;
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            MissingClass named = t instanceof ClassNotFoundException e ? fromLoader(e) : null;
            if (named != null) {
                return Optional.of(named);
            }
            if (name == null) {
                name = missingName(t);
            }
        }
        return Optional.ofNullable(name).map(n -> new MissingClass(n, null));
    }

    /** What the operator can do about it, naming the class and, when known, the location. */
    public String advice() {
        if (reason != null) {
            return reason;
        }
        if (location == null) {
            return "Add the jar that holds " + className + " to the plugin's directory on plugin.path (or install the "
                    + "plugin with all of the libraries it depends on), then restart the worker";
        }
        return "Add the jar that holds " + className + " to " + location + ", or install the plugin with all of the "
                + "libraries it depends on, then restart the worker";
    }

    /** One sentence: which class is missing and where it was looked for. */
    public String problem() {
        return "class " + className + " cannot be found"
                + (location == null ? "" : " by plugin location " + location + " (neither in the plugin nor shared with it by the worker)");
    }

    private static String missingName(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        if (t instanceof NoClassDefFoundError) {
            if (message.startsWith(NOT_INITIALIZED)) {
                return null;
            }
            return firstWord(message).replace('/', '.');
        }
        if (t instanceof ClassNotFoundException) {
            return firstWord(message);
        }
        return null;
    }

    private static String firstWord(String message) {
        String trimmed = message.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != ',') {
            end++;
        }
        return trimmed.substring(0, end);
    }

    /**
     * The exception a {@link PluginClassLoader} throws for a class that neither its plugin nor its parent has: the
     * JDK's own type, with the class name first as in the JDK's message, and the location after it.
     *
     * <p>Everything lives in the message, and the type is the JDK's: when the same class reference fails a second
     * time, the JVM does not ask the loader again but re-creates the cause from its type name and message, and it
     * can only find the JDK's own exception types for that.
     */
    static ClassNotFoundException notInPlugin(String className, Path location) {
        return new ClassNotFoundException(className + ASKED + location + NOBODY);
    }

    private static final String ASKED = ", asked of plugin location ";
    private static final String NOBODY = ": neither the plugin nor the worker has it";

    /**
     * The missing class a loader's exception names: with the location from {@link #notInPlugin}'s message, with the
     * loader's own reason from a message that says more than the name, or null for a bare name (the JDK's).
     */
    private static MissingClass fromLoader(ClassNotFoundException e) {
        String message = e.getMessage();
        int asked = message == null ? -1 : message.indexOf(ASKED);
        if (asked <= 0 || !message.endsWith(NOBODY)) {
            String name = message == null ? "" : firstWord(message);
            return name.isEmpty() || name.length() == message.strip().length() ? null
                    : new MissingClass(name, null, message.strip());
        }
        try {
            return new MissingClass(message.substring(0, asked),
                    Path.of(message.substring(asked + ASKED.length(), message.length() - NOBODY.length())));
        } catch (InvalidPathException notALocation) {
            return null;
        }
    }
}
