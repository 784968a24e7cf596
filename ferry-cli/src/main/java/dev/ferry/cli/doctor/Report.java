package dev.ferry.cli.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ferry doctor} found, in the order the checks ran: one line per check, or per problem when a check
 * finds several. Printed for people (one line each) or as JSON; the exit code is 1 when any line is a finding.
 */
public final class Report {
    private final List<Finding> lines = new ArrayList<>();

    void ok(String check, String message) {
        lines.add(new Finding(check, Severity.OK, message));
    }

    void skipped(String check, String message) {
        lines.add(new Finding(check, Severity.SKIPPED, message));
    }

    void warning(String check, String message) {
        lines.add(new Finding(check, Severity.WARNING, message));
    }

    void error(String check, String message) {
        lines.add(new Finding(check, Severity.ERROR, message));
    }

    /** Every line, in order. */
    public List<Finding> lines() {
        return List.copyOf(lines);
    }

    /** The warnings and errors. */
    public List<Finding> findings() {
        return lines.stream().filter(f -> f.severity().isFinding()).toList();
    }

    /** 0 when nothing was found, 1 when something was. */
    public int exitCode() {
        return findings().isEmpty() ? 0 : 1;
    }

    /** One line per check, {@code [error] check: message}, and a summary line. */
    public void printText(PrintStream out) {
        for (Finding line : lines) {
            // one line per check: messages quoted from elsewhere (config errors) may span several
            String message = line.message().replaceAll("\\s*\\R\\s*", " ");
            out.println(String.format("%-7s %s: %s", "[" + line.severity().label() + "]", line.check(), message));
        }
        long errors = lines.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = lines.stream().filter(f -> f.severity() == Severity.WARNING).count();
        if (errors > 0) {
            out.println(errors + " error(s), " + warnings + " warning(s): fix the errors before starting the worker.");
        } else if (warnings > 0) {
            out.println(warnings + " warning(s): the worker can start, but read them.");
        } else {
            out.println("No problems found.");
        }
    }

    /** {@code {"exitCode": n, "findings": n, "checks": [{"check", "severity", "message"}, ...]}}. */
    public void printJson(PrintStream out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("exitCode", exitCode());
        root.put("findings", findings().size());
        ArrayNode checks = root.putArray("checks");
        for (Finding line : lines) {
            checks.addObject().put("check", line.check()).put("severity", line.severity().label())
                    .put("message", line.message());
        }
        try {
            out.println(mapper.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not write the report as JSON", e);
        }
    }
}
