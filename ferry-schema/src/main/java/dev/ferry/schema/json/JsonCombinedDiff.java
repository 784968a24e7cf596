package dev.ferry.schema.json;

import static dev.ferry.schema.json.JsonDifference.Type.COMBINED_TYPE_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.COMBINED_TYPE_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.COMBINED_TYPE_SUBSCHEMAS_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.PRODUCT_TYPE_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.PRODUCT_TYPE_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.SUM_TYPE_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.SUM_TYPE_NARROWED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for allOf/anyOf/oneOf. The criterion may loosen (anything to anyOf; a single-branch one to oneOf;
 * single-branch to single-branch; an allOf to a single branch), not otherwise. A sum (anyOf/oneOf) may gain
 * branches, a product (allOf) may lose them. Then the branches are paired old-to-new so that each pair is compatible, as many pairs as
 * possible (a maximum bipartite matching); when fewer pairs than the smaller side's branches are found, some
 * branch changed incompatibly.
 */
final class JsonCombinedDiff {

    private JsonCombinedDiff() {
    }

    static void compare(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        if (!compareCriteria(ctx, original, update)) {
            return;
        }
        List<JsonSchemaView> before = distinct(original.parts());
        List<JsonSchemaView> after = distinct(update.parts());
        if (before.size() < after.size()) {
            ctx.add("allOf".equals(update.criterion()) ? PRODUCT_TYPE_EXTENDED : SUM_TYPE_EXTENDED);
        } else if (before.size() > after.size()) {
            ctx.add("allOf".equals(original.criterion()) ? PRODUCT_TYPE_NARROWED : SUM_TYPE_NARROWED);
        }
        boolean[][] compatible = new boolean[before.size()][after.size()];
        List<List<List<JsonDifference>>> found = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            List<List<JsonDifference>> row = new ArrayList<>();
            try (JsonDiffContext.Scope ignored = ctx.enter(original.criterion() + "/" + i)) {
                for (int j = 0; j < after.size(); j++) {
                    JsonDiffContext sub = ctx.sub();
                    JsonSchemaDiff.compare(sub, before.get(i), after.get(j));
                    compatible[i][j] = sub.compatible();
                    row.add(sub.differences());
                }
            }
            found.add(row);
        }
        int[] matchOfAfter = maximumMatching(compatible, before.size(), after.size());
        int matched = 0;
        for (int j = 0; j < after.size(); j++) {
            if (matchOfAfter[j] >= 0) {
                matched++;
                ctx.addAll(found.get(matchOfAfter[j]).get(j));
            }
        }
        if (matched < Math.min(before.size(), after.size())) {
            ctx.add(COMBINED_TYPE_SUBSCHEMAS_CHANGED);
        }
    }

    /** Records how the criterion changed; false when it changed incompatibly and the branches need no look. */
    private static boolean compareCriteria(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        String before = original.criterion();
        String after = update.criterion();
        if (before.equals(after)) {
            return true;
        }
        boolean singleBefore = original.parts().size() == 1;
        boolean singleAfter = update.parts().size() == 1;
        boolean extended = "anyOf".equals(after) || singleBefore && singleAfter
                || singleBefore && "oneOf".equals(after) || singleAfter && "allOf".equals(before);
        ctx.add(extended ? COMBINED_TYPE_EXTENDED : COMBINED_TYPE_CHANGED);
        return extended;
    }

    /** Branches with the same text count once, as Confluent collapses them. */
    private static List<JsonSchemaView> distinct(List<JsonSchemaView> parts) {
        Map<String, JsonSchemaView> byText = new LinkedHashMap<>();
        for (JsonSchemaView part : parts) {
            byText.putIfAbsent(part.kind() + ":" + JsonMappers.write(part.node()), part);
        }
        return new ArrayList<>(byText.values());
    }

    /** Kuhn's augmenting paths: for each right-hand branch, the left-hand branch it is paired with, or -1. */
    private static int[] maximumMatching(boolean[][] edges, int left, int right) {
        int[] matchOfRight = new int[right];
        Arrays.fill(matchOfRight, -1);
        for (int i = 0; i < left; i++) {
            augment(i, edges, matchOfRight, new boolean[right]);
        }
        return matchOfRight;
    }

    private static boolean augment(int i, boolean[][] edges, int[] matchOfRight, boolean[] seen) {
        for (int j = 0; j < matchOfRight.length; j++) {
            if (edges[i][j] && !seen[j]) {
                seen[j] = true;
                if (matchOfRight[j] < 0 || augment(matchOfRight[j], edges, matchOfRight, seen)) {
                    matchOfRight[j] = i;
                    return true;
                }
            }
        }
        return false;
    }
}
