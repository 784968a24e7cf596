package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.squareup.wire.schema.internal.parser.OptionElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Confluent's normalisation of an option list: options sorted by name; a custom option named by its extension's
 * full name and written as a {@code {key: value}} map even when the text assigned a path
 * ({@code (confluent.field_meta).tags = "a"} becomes {@code (confluent.field_meta) = {tags: "a"}}); several
 * assignments to one singular option merged into one map (a repeated field in it collects the values, a singular
 * scalar keeps the last, a singular message merges).
 */
final class OptionNormalizer {

    private final Function<String, FieldDescriptor> extensions;

    /** @param extensions the extension an option name resolves to, or null */
    OptionNormalizer(Function<String, FieldDescriptor> extensions) {
        this.extensions = extensions;
    }

    List<OptionElement> normalize(List<OptionElement> options) {
        List<OptionElement> resolved = new ArrayList<>();
        for (OptionElement option : options) {
            FieldDescriptor extension = option.isParenthesized() ? extensions.apply(option.getName()) : null;
            resolved.add(extension == null ? option
                    : asMap(new OptionElement(extension.getFullName(), option.getKind(), option.getValue(), true)));
        }
        resolved.sort(Comparator.comparing(OptionElement::getName));
        Map<String, List<OptionElement>> byName = new LinkedHashMap<>();
        resolved.forEach(o -> byName.computeIfAbsent(o.getName(), k -> new ArrayList<>()).add(o));
        List<OptionElement> result = new ArrayList<>();
        for (List<OptionElement> group : byName.values()) {
            OptionElement first = group.get(0);
            FieldDescriptor extension = first.isParenthesized() ? extensions.apply(first.getName()) : null;
            if (extension == null || extension.isRepeated()) {
                result.addAll(group);
                continue;
            }
            OptionElement merged = first;
            for (OptionElement next : group.subList(1, group.size())) {
                merged = merge(extension, merged, next);
            }
            result.add(merged);
        }
        return result;
    }

    private static OptionElement asMap(OptionElement option) {
        if (option.getKind() != OptionElement.Kind.OPTION) {
            return option;
        }
        return new OptionElement(option.getName(), OptionElement.Kind.MAP, pathToMap((OptionElement) option.getValue()),
                option.isParenthesized());
    }

    private static Map<String, Object> pathToMap(OptionElement step) {
        Object value = switch (step.getKind()) {
            case BOOLEAN, ENUM, NUMBER -> new OptionElement.OptionPrimitive(step.getKind(), step.getValue());
            case OPTION -> pathToMap((OptionElement) step.getValue());
            default -> step.getValue();
        };
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(step.getName(), value);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static OptionElement merge(FieldDescriptor field, OptionElement existing, OptionElement replacement) {
        if (existing.getKind() == OptionElement.Kind.MAP && replacement.getKind() == OptionElement.Kind.MAP) {
            Map<String, Object> merged = mergeMaps(field, (Map<String, Object>) existing.getValue(),
                    (Map<String, Object>) replacement.getValue());
            return new OptionElement(replacement.getName(), OptionElement.Kind.MAP, merged, true);
        }
        return replacement;
    }

    private static Map<String, Object> mergeMaps(FieldDescriptor container, Map<String, Object> existing,
                                                 Map<String, Object> replacement) {
        Map<String, Object> merged = new LinkedHashMap<>(existing);
        for (Map.Entry<String, Object> entry : replacement.entrySet()) {
            FieldDescriptor nested = container.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    ? container.getMessageType().findFieldByName(entry.getKey()) : null;
            merged.merge(entry.getKey(), entry.getValue(), (a, b) -> mergeValues(nested, a, b));
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValues(FieldDescriptor field, Object a, Object b) {
        boolean singular = field != null && !field.isRepeated();
        if (singular && a instanceof Map<?, ?> && b instanceof Map<?, ?>
                && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return mergeMaps(field, (Map<String, Object>) a, (Map<String, Object>) b);
        }
        if (singular) {
            return b;
        }
        Set<Object> values = new LinkedHashSet<>();
        addAll(values, a);
        addAll(values, b);
        return new ArrayList<>(values);
    }

    private static void addAll(Set<Object> values, Object value) {
        if (value instanceof List<?> list) {
            values.addAll(list);
        } else {
            values.add(value);
        }
    }
}
