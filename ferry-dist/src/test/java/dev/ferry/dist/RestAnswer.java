package dev.ferry.dist;

import java.util.List;
import java.util.Map;

/**
 * One worker's answer to one step of the differential REST suite, after {@link DifferentialTarget}
 * replaced the values that belong to that worker alone (its address, directory, connector and
 * topic names) by the step's placeholders, so that Apache's and Ferry's answers can be compared.
 *
 * @param headers header names in lower case, each with its values
 */
record RestAnswer(int status, Map<String, List<String>> headers, String body) {
}
