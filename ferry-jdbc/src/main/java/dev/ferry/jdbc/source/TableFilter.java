package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.dialect.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which listed tables the source reads, by Confluent's rules: a {@code table.whitelist} or {@code table.blacklist}
 * entry names a table by its qualified name unquoted ({@code public.users}), quoted ({@code "public"."users"}) or
 * bare ({@code users}); {@code table.include.list}/{@code table.exclude.list} regexes match the whole unquoted
 * qualified name. Without any of them every listed table is read.
 */
final class TableFilter {

    private final Dialect dialect;
    private final List<String> whitelist;
    private final List<String> blacklist;
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    TableFilter(Dialect dialect, List<String> whitelist, List<String> blacklist, List<String> include,
                List<String> exclude) {
        this.dialect = dialect;
        this.whitelist = whitelist;
        this.blacklist = blacklist;
        this.include = include.stream().map(Pattern::compile).toList();
        this.exclude = exclude.stream().map(Pattern::compile).toList();
    }

    static TableFilter of(JdbcSourceConfig config, Dialect dialect) {
        return new TableFilter(dialect, config.whitelist(), config.blacklist(), config.includeList(),
                config.excludeList());
    }

    List<TableId> apply(List<TableId> tables) {
        return tables.stream().filter(this::accepts).toList();
    }

    boolean accepts(TableId table) {
        if (!include.isEmpty()) {
            String name = table.qualifiedName();
            return include.stream().anyMatch(p -> p.matcher(name).matches())
                    && exclude.stream().noneMatch(p -> p.matcher(name).matches());
        }
        if (!whitelist.isEmpty()) {
            return whitelist.stream().anyMatch(entry -> names(entry, table));
        }
        return blacklist.stream().noneMatch(entry -> names(entry, table));
    }

    /** The {@code table.whitelist} entries no table in {@code tables} answers to. */
    List<String> unmatchedWhitelist(List<TableId> tables) {
        List<String> missing = new ArrayList<>();
        for (String entry : whitelist) {
            if (tables.stream().noneMatch(t -> names(entry, t))) {
                missing.add(entry);
            }
        }
        return missing;
    }

    private boolean names(String entry, TableId table) {
        return entry.equals(table.qualifiedName()) || entry.equals(table.table())
                || entry.equals(dialect.qualified(table, QuoteMode.ALWAYS));
    }

    /** The filter in words, for messages. */
    String describe() {
        if (!include.isEmpty()) {
            return "table.include.list " + include + (exclude.isEmpty() ? "" : " minus table.exclude.list " + exclude);
        }
        if (!whitelist.isEmpty()) {
            return "table.whitelist " + whitelist;
        }
        if (!blacklist.isEmpty()) {
            return "every table but table.blacklist " + blacklist;
        }
        return "every table";
    }
}
