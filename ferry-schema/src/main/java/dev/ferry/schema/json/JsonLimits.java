package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.json.JsonDifference.Type;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Compares a numeric limit keyword between two schemas. An upper limit (maxLength, maximum, maxItems, ...) may be
 * raised or removed; a lower one (minLength, minimum, minItems, ...) lowered or removed; adding either is
 * incompatible. The difference types are named after the keyword ({@code maxLength} gives
 * {@code MAX_LENGTH_ADDED}, {@code MAX_LENGTH_INCREASED}, ...).
 */
final class JsonLimits {

    private JsonLimits() {
    }

    static void compare(JsonDiffContext ctx, String keyword, JsonNode before, JsonNode after) {
        BigDecimal b = number(before);
        BigDecimal a = number(after);
        if (b == null && a == null) {
            return;
        }
        String prefix = constantName(keyword);
        if (b == null) {
            ctx.add(keyword, Type.valueOf(prefix + "_ADDED"));
        } else if (a == null) {
            ctx.add(keyword, Type.valueOf(prefix + "_REMOVED"));
        } else if (b.compareTo(a) < 0) {
            ctx.add(keyword, Type.valueOf(prefix + "_INCREASED"));
        } else if (b.compareTo(a) > 0) {
            ctx.add(keyword, Type.valueOf(prefix + "_DECREASED"));
        }
    }

    /**
     * multipleOf may become a divisor of the old value (every old multiple is still one) but not a multiple of it
     * or anything else.
     */
    static void multipleOf(JsonDiffContext ctx, JsonNode before, JsonNode after) {
        BigDecimal b = number(before);
        BigDecimal a = number(after);
        if (b == null && a == null || b != null && a != null && b.compareTo(a) == 0) {
            return;
        }
        if (b == null) {
            ctx.add("multipleOf", Type.MULTIPLE_OF_ADDED);
        } else if (a == null) {
            ctx.add("multipleOf", Type.MULTIPLE_OF_REMOVED);
        } else if (a.remainder(b).signum() == 0) {
            ctx.add("multipleOf", Type.MULTIPLE_OF_EXPANDED);
        } else if (b.remainder(a).signum() == 0) {
            ctx.add("multipleOf", Type.MULTIPLE_OF_REDUCED);
        } else {
            ctx.add("multipleOf", Type.MULTIPLE_OF_CHANGED);
        }
    }

    private static BigDecimal number(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    /** maxLength -> MAX_LENGTH, exclusiveMinimum -> EXCLUSIVE_MINIMUM. */
    private static String constantName(String keyword) {
        return keyword.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
