package dev.ferry.cli.doctor;

/**
 * One line of the doctor's report.
 *
 * @param check    what was checked, e.g. {@code java}, {@code plugin.path}, {@code topic connect-configs}
 * @param severity whether it passed, did not apply, or is a finding
 * @param message  what was found and, for a finding, what to do about it
 */
public record Finding(String check, Severity severity, String message) {
}
