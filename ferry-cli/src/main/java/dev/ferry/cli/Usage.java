package dev.ferry.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;

/**
 * The help text of one command: synopsis, description, positional parameters, options, and
 * optional command list and footer. Commons CLI formats only options, so parameters and commands
 * are laid out here in the same two-column style.
 */
final class Usage {
    /** Terminal width the text is wrapped to; 80 keeps it readable in the narrowest terminals. */
    private static final int WIDTH = 80;
    /** Longest label that still gets its description beside it rather than on the next line. */
    private static final int MAX_LABEL = 22;

    private final String synopsis;
    private final List<String> description = new ArrayList<>();
    private final List<String[]> parameters = new ArrayList<>();
    private final List<String[]> commands = new ArrayList<>();
    private final List<String> footer = new ArrayList<>();
    private Options options = new Options();

    Usage(String synopsis) {
        this.synopsis = synopsis;
    }

    Usage description(String... lines) {
        description.addAll(List.of(lines));
        return this;
    }

    Usage parameter(String label, String text) {
        parameters.add(new String[] {label, text});
        return this;
    }

    Usage command(String name, String summary) {
        commands.add(new String[] {name, summary});
        return this;
    }

    Usage options(Options options) {
        this.options = options;
        return this;
    }

    Usage footer(String... lines) {
        footer.addAll(List.of(lines));
        return this;
    }

    String synopsis() {
        return synopsis;
    }

    void print(PrintStream stream) {
        // Not closed: closing would close System.out/err.
        PrintWriter out = new PrintWriter(stream);
        HelpFormatter formatter = HelpFormatter.builder().get();
        // The options are listed in the order each command declares them (its own, then -h, -V).
        formatter.setOptionComparator(null);
        formatter.printWrapped(out, WIDTH, "Usage: " + synopsis);
        for (String line : description) {
            formatter.printWrapped(out, WIDTH, line);
        }
        printColumns(out, formatter, parameters);
        if (!options.getOptions().isEmpty()) {
            formatter.printOptions(out, WIDTH, options, 2, 3);
        }
        if (!commands.isEmpty()) {
            out.println("Commands:");
            printColumns(out, formatter, commands);
        }
        footer.forEach(out::println);
        out.flush();
    }

    private static void printColumns(PrintWriter out, HelpFormatter formatter, List<String[]> rows) {
        int labelWidth = 0;
        for (String[] row : rows) {
            labelWidth = Math.max(labelWidth, Math.min(MAX_LABEL, row[0].length()));
        }
        int column = 2 + labelWidth + 3;
        for (String[] row : rows) {
            String label = "  " + row[0];
            if (row[0].length() > MAX_LABEL) {
                out.println(label);
                formatter.printWrapped(out, WIDTH, column, " ".repeat(column) + row[1]);
            } else {
                formatter.printWrapped(out, WIDTH, column, label + " ".repeat(column - label.length()) + row[1]);
            }
        }
    }
}
