package dev.ferry.dist;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One step of the differential REST suite, written once and run against both workers: either a
 * request whose answers are compared, or a wait for a condition (a connector becoming RUNNING)
 * that is polled on each worker before the suite goes on, since the two reach states at their own
 * pace. Paths and bodies hold placeholders such as {@code ${source}} that each
 * {@link DifferentialTarget} fills in with its own values.
 *
 * <p>The comparison rules a request may relax, each for a JSON path written without indices
 * ({@code configs[]} is an element of the array {@code configs}, {@code ""} the root):
 * <ul>
 *   <li>{@link #keyedBy}: the array's elements are matched by a field (or by their own value,
 *       with {@code "."}) instead of by position, as when the two list the same things in another order;</li>
 *   <li>{@link #openKeys}: the object's field names are data (logger names), so only the fields
 *       both have are compared;</li>
 *   <li>{@link #kindsOnly}: below this path only field names and kinds are compared, not values.</li>
 * </ul>
 */
final class DifferentialStep {
    /** How long a wait step polls each worker before the suite fails. */
    static final Duration WAIT = Duration.ofSeconds(60);

    final String name;
    final String method;
    final String path;
    String body;
    String contentType;
    final Map<String, String> keyedArrays = new LinkedHashMap<>();
    final Set<String> openKeys = new LinkedHashSet<>();
    final Set<String> kindsOnly = new LinkedHashSet<>();
    final Condition condition;

    private DifferentialStep(String name, String method, String path, Condition condition) {
        this.name = name;
        this.method = method;
        this.path = path;
        this.condition = condition;
    }

    /** A request without a body. */
    static DifferentialStep call(String name, String method, String path) {
        return new DifferentialStep(name, method, path, null);
    }

    /** A request with a JSON body (sent as {@code application/json}). */
    static DifferentialStep call(String name, String method, String path, String json) {
        return call(name, method, path).body(json, "application/json");
    }

    /** A wait for {@code condition} on each worker; nothing is compared. */
    static DifferentialStep await(String name, Condition condition) {
        return new DifferentialStep(name, null, null, condition);
    }

    DifferentialStep body(String body, String contentType) {
        this.body = body;
        this.contentType = contentType;
        return this;
    }

    /** Matches the elements of the array at {@code arrayPath} by {@code keyField} ("." for the element itself). */
    DifferentialStep keyedBy(String arrayPath, String keyField) {
        keyedArrays.put(arrayPath, keyField);
        return this;
    }

    /** The object at {@code objectPath} has data for field names: compare only the fields both answers have. */
    DifferentialStep openKeys(String objectPath) {
        openKeys.add(objectPath);
        return this;
    }

    /** Below {@code path}, compare field names and the kinds of values, not the values themselves. */
    DifferentialStep kindsOnly(String path) {
        kindsOnly.add(path);
        return this;
    }

    /** Whether values at {@code shape} are compared. */
    boolean comparesValuesAt(String shape) {
        for (String path : kindsOnly) {
            if (path.isEmpty() || shape.equals(path) || shape.startsWith(path + ".") || shape.startsWith(path + "[")) {
                return false;
            }
        }
        return true;
    }

    boolean isWait() {
        return condition != null;
    }

    @Override
    public String toString() {
        return isWait() ? "wait '" + name + "'" : "'" + name + "' (" + method + " " + path + ")";
    }

    /** A condition polled on one worker; may throw while the worker is not there yet. */
    interface Condition {
        boolean holds(DifferentialTarget target) throws Exception;
    }
}
