package dev.ferry.schema.protobuf;

import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.ExtensionsElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.RpcElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kotlin.ranges.IntRange;

/**
 * Prints a parsed file as the canonical text Confluent's registry stores and returns for a Protobuf schema. That
 * text is not Wire's own {@code toSchema()}: Confluent prints Wire's elements with a printer of its own, in
 * Wire's layout but without comments, with each scope's messages before its enums, a blank line between the
 * sections of a scope, and {@code default}/{@code json_name} written as field options. Registering the same
 * schema on either registry must give the same text (clients compare it), so this printer follows that layout.
 */
final class ProtoPrinter {

    /** The largest field number; a range ending there prints as {@code to max}. */
    private static final int MAX_TAG = 536_870_911;

    private final boolean normalized;
    private final boolean ignoreExtensions;

    private ProtoPrinter(boolean normalized, boolean ignoreExtensions) {
        this.normalized = normalized;
        this.ignoreExtensions = ignoreExtensions;
    }

    static String print(ProtoFileElement file) {
        return new ProtoPrinter(false, false).file(file);
    }

    /**
     * As {@link #print}, without custom options (Confluent's own {@code confluent.*} ones excepted), extension
     * ranges and {@code extend} blocks: Confluent's {@code format=ignore_extensions}.
     */
    static String printIgnoringExtensions(ProtoFileElement file) {
        return new ProtoPrinter(false, true).file(file);
    }

    /**
     * As {@link #print}, but as Confluent prints its normalised form: without a {@code syntax = "proto2"} line,
     * and with {@code default} and {@code json_name} sorted among a field's other options.
     */
    static String printNormalized(ProtoFileElement file) {
        return new ProtoPrinter(true, false).file(file);
    }

    private String file(ProtoFileElement file) {
        StringBuilder sb = new StringBuilder();
        if (file.getSyntax() != null && !(normalized && file.getSyntax() == Syntax.PROTO_2)) {
            sb.append("syntax = \"").append(file.getSyntax()).append("\";\n");
        }
        if (file.getPackageName() != null) {
            sb.append("package ").append(file.getPackageName()).append(";\n");
        }
        if (!file.getImports().isEmpty() || !file.getPublicImports().isEmpty()) {
            sb.append('\n');
            file.getImports().forEach(i -> sb.append("import \"").append(i).append("\";\n"));
            file.getPublicImports().forEach(i -> sb.append("import public \"").append(i).append("\";\n"));
        }
        if (!options(file.getOptions()).isEmpty()) {
            sb.append('\n');
            options(file.getOptions()).forEach(o -> sb.append(optionStatement(o)));
        }
        if (!file.getTypes().isEmpty()) {
            sb.append('\n');
            types(file.getTypes(), sb, false);
        }
        if (!ignoreExtensions && !file.getExtendDeclarations().isEmpty()) {
            sb.append('\n');
            file.getExtendDeclarations().forEach(e -> sb.append(extend(e)));
        }
        if (!file.getServices().isEmpty()) {
            sb.append('\n');
            file.getServices().forEach(s -> sb.append(service(s)));
        }
        return sb.toString();
    }

    private void types(List<TypeElement> types, StringBuilder sb, boolean indent) {
        for (TypeElement type : types) {
            if (type instanceof MessageElement message) {
                append(sb, message(message), indent);
            }
        }
        for (TypeElement type : types) {
            if (type instanceof EnumElement enumType) {
                append(sb, enumType(enumType), indent);
            }
        }
    }

    private String message(MessageElement message) {
        StringBuilder sb = new StringBuilder("message ").append(message.getName()).append(" {");
        if (!message.getReserveds().isEmpty()) {
            sb.append('\n');
            message.getReserveds().forEach(r -> indented(sb, reserved(r)));
        }
        if (!options(message.getOptions()).isEmpty()) {
            sb.append('\n');
            options(message.getOptions()).forEach(o -> indented(sb, optionStatement(o)));
        }
        if (!message.getFields().isEmpty()) {
            sb.append('\n');
            message.getFields().forEach(f -> indented(sb, field(f)));
        }
        if (!message.getOneOfs().isEmpty()) {
            sb.append('\n');
            message.getOneOfs().forEach(o -> indented(sb, oneOf(o)));
        }
        if (!ignoreExtensions && !message.getExtensions().isEmpty()) {
            sb.append('\n');
            message.getExtensions().forEach(e -> indented(sb, extensions(e)));
        }
        if (!ignoreExtensions && !message.getExtendDeclarations().isEmpty()) {
            sb.append('\n');
            message.getExtendDeclarations().forEach(e -> indented(sb, extend(e)));
        }
        if (!message.getNestedTypes().isEmpty()) {
            sb.append('\n');
            types(message.getNestedTypes(), sb, true);
        }
        return sb.append("}\n").toString();
    }

    private String enumType(EnumElement enumType) {
        StringBuilder sb = new StringBuilder("enum ").append(enumType.getName()).append(" {");
        if (!enumType.getReserveds().isEmpty()) {
            sb.append('\n');
            enumType.getReserveds().forEach(r -> indented(sb, reserved(r)));
        } else if (!options(enumType.getOptions()).isEmpty() || !enumType.getConstants().isEmpty()) {
            sb.append('\n');
        }
        options(enumType.getOptions()).forEach(o -> indented(sb, optionStatement(o)));
        for (EnumConstantElement constant : enumType.getConstants()) {
            StringBuilder line = new StringBuilder(constant.getName()).append(" = ").append(constant.getTag());
            if (!options(constant.getOptions()).isEmpty()) {
                line.append(' ');
                optionList(line, new ArrayList<>(options(constant.getOptions())));
            }
            indented(sb, line.append(";\n").toString());
        }
        return sb.append("}\n").toString();
    }

    private String field(FieldElement field) {
        StringBuilder sb = new StringBuilder();
        Field.Label label = field.getLabel();
        if (label != null) {
            sb.append(label.name().toLowerCase(Locale.ROOT)).append(' ');
        }
        sb.append(field.getType()).append(' ').append(field.getName()).append(" = ").append(field.getTag());
        List<Object> options = new ArrayList<>(options(field.getOptions()));
        if (field.getDefaultValue() != null) {
            options.add(new OptionElement("default", defaultKind(field.getType()), field.getDefaultValue(), false));
        }
        if (field.getJsonName() != null) {
            options.add(new OptionElement("json_name", OptionElement.Kind.STRING, field.getJsonName(), false));
        }
        if (normalized) {
            options.sort(java.util.Comparator.comparing(o -> ((OptionElement) o).getName()));
        }
        if (!options.isEmpty()) {
            sb.append(' ');
            optionList(sb, options);
        }
        return sb.append(";\n").toString();
    }

    private static OptionElement.Kind defaultKind(String type) {
        if ("bool".equals(type)) {
            return OptionElement.Kind.BOOLEAN;
        }
        if ("string".equals(type)) {
            return OptionElement.Kind.STRING;
        }
        return ScalarTypes.isScalar(type) ? OptionElement.Kind.NUMBER : OptionElement.Kind.ENUM;
    }

    private String oneOf(OneOfElement oneOf) {
        StringBuilder sb = new StringBuilder("oneof ").append(oneOf.getName()).append(" {");
        if (!options(oneOf.getOptions()).isEmpty()) {
            sb.append('\n');
            options(oneOf.getOptions()).forEach(o -> indented(sb, optionStatement(o)));
        }
        if (!oneOf.getFields().isEmpty()) {
            sb.append('\n');
            oneOf.getFields().forEach(f -> indented(sb, field(f)));
        }
        return sb.append("}\n").toString();
    }

    private String extend(ExtendElement extend) {
        StringBuilder sb = new StringBuilder("extend ").append(extend.getName()).append(" {");
        if (!extend.getFields().isEmpty()) {
            sb.append('\n');
            extend.getFields().forEach(f -> indented(sb, field(f)));
        }
        return sb.append("}\n").toString();
    }

    private String service(ServiceElement service) {
        StringBuilder sb = new StringBuilder("service ").append(service.getName()).append(" {");
        if (!options(service.getOptions()).isEmpty()) {
            sb.append('\n');
            options(service.getOptions()).forEach(o -> indented(sb, optionStatement(o)));
        }
        if (!service.getRpcs().isEmpty()) {
            sb.append('\n');
            service.getRpcs().forEach(r -> indented(sb, rpc(r)));
        }
        return sb.append("}\n").toString();
    }

    private String rpc(RpcElement rpc) {
        StringBuilder sb = new StringBuilder("rpc ").append(rpc.getName()).append(" (");
        sb.append(rpc.getRequestStreaming() ? "stream " : "").append(rpc.getRequestType()).append(") returns (");
        sb.append(rpc.getResponseStreaming() ? "stream " : "").append(rpc.getResponseType()).append(')');
        if (!options(rpc.getOptions()).isEmpty()) {
            sb.append(" {\n");
            options(rpc.getOptions()).forEach(o -> indented(sb, optionStatement(o)));
            sb.append('}');
        }
        return sb.append(";\n").toString();
    }

    private static String reserved(ReservedElement reserved) {
        return "reserved " + ranges(reserved.getValues()) + ";\n";
    }

    private String extensions(ExtensionsElement extensions) {
        StringBuilder sb = new StringBuilder("extensions ").append(ranges(extensions.getValues()));
        if (!options(extensions.getOptions()).isEmpty()) {
            sb.append(' ');
            optionList(sb, new ArrayList<>(options(extensions.getOptions())));
        }
        return sb.append(";\n").toString();
    }

    private static String ranges(List<Object> values) {
        List<String> parts = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof String name) {
                parts.add("\"" + name + "\"");
            } else if (value instanceof IntRange range) {
                int last = range.getEndInclusive();
                parts.add(range.getStart() + " to " + (last < MAX_TAG ? String.valueOf(last) : "max"));
            } else {
                parts.add(String.valueOf(value));
            }
        }
        return String.join(", ", parts);
    }

    private List<OptionElement> options(List<OptionElement> options) {
        if (!ignoreExtensions) {
            return options;
        }
        return options.stream().filter(o -> !o.isParenthesized() || o.getName().startsWith("confluent.")).toList();
    }

    private String optionStatement(OptionElement option) {
        return "option " + option(option) + ";\n";
    }

    @SuppressWarnings("unchecked")
    private String option(OptionElement option) {
        StringBuilder sb = new StringBuilder();
        sb.append(option.isParenthesized() ? "(" + option.getName() + ")" : option.getName());
        Object value = option.getValue();
        switch (option.getKind()) {
            case STRING -> sb.append(" = \"").append(escape(value.toString())).append('"');
            case BOOLEAN, ENUM -> sb.append(" = ").append(value);
            case NUMBER -> sb.append(" = ").append(number(value));
            case OPTION -> sb.append('.').append(option(unparenthesized((OptionElement) value)));
            case MAP -> {
                sb.append(" = {\n");
                optionMap(sb, (Map<String, Object>) value);
                sb.append('}');
            }
            case LIST -> {
                sb.append(" = ");
                optionList(sb, (List<Object>) value);
            }
            default -> { }
        }
        return sb.toString();
    }

    private static OptionElement unparenthesized(OptionElement option) {
        return new OptionElement(option.getName(), option.getKind(), option.getValue(), false);
    }

    private void optionMap(StringBuilder sb, Map<String, Object> map) {
        if (normalized) {
            // Sorted keys, no empty lists: Confluent's normalised option maps.
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> {
                if (!(v instanceof List<?> list && list.isEmpty())) {
                    sorted.put(k, v);
                }
            });
            map = sorted;
        }
        int index = 0;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String separator = ++index < map.size() ? "," : "";
            indented(sb, entry.getKey() + ": " + optionValue(entry.getValue()) + separator);
        }
    }

    @SuppressWarnings("unchecked")
    private String optionValue(Object value) {
        if (value instanceof String text) {
            return "\"" + escape(text) + "\"";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{\n");
            optionMap(sb, (Map<String, Object>) map);
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list && normalized && list.size() == 1) {
            return optionValue(list.get(0));
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < list.size(); i++) {
                indented(sb, optionValue(list.get(i)) + (i < list.size() - 1 ? "," : ""));
            }
            return sb.append(']').toString();
        }
        if (value instanceof OptionElement.OptionPrimitive primitive) {
            return switch (primitive.getKind()) {
                case BOOLEAN, ENUM -> String.valueOf(primitive.getValue());
                case NUMBER -> number(primitive.getValue());
                default -> optionValue(primitive.getValue());
            };
        }
        if (value instanceof OptionElement option) {
            return option(option);
        }
        return String.valueOf(value);
    }

    /** A number as written; normalised, as Confluent formats it (no grouping, at most three decimals). */
    private String number(Object value) {
        String text = String.valueOf(value);
        if (!normalized) {
            return text;
        }
        try {
            java.text.DecimalFormat format = new java.text.DecimalFormat("0.###",
                    java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
            return format.format(new java.math.BigDecimal(text));
        } catch (NumberFormatException e) {
            return text; // inf, nan, hex: kept as written
        }
    }

    private void optionList(StringBuilder sb, List<Object> options) {
        if (options.size() == 1) {
            sb.append('[').append(optionValue(options.get(0))).append(']');
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < options.size(); i++) {
            indented(sb, optionValue(options.get(i)) + (i < options.size() - 1 ? "," : ""));
        }
        sb.append(']');
    }

    private static void append(StringBuilder sb, String block, boolean indent) {
        if (indent) {
            indented(sb, block);
        } else {
            sb.append(block);
        }
    }

    /** Indents every line by two spaces; an empty line inside a block becomes two spaces, as in Confluent's text. */
    private static void indented(StringBuilder sb, String block) {
        for (String line : block.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
