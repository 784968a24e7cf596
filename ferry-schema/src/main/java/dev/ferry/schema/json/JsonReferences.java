package dev.ferry.schema.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what a {@code $ref} points at: a place in the same document ({@code #/definitions/Address}) or in one of
 * the referenced schemas, which Confluent registers under the {@code $ref} URL as reference name
 * ({@code address.json}, {@code https://example.com/address.schema.json}, with an optional {@code #/...} pointer).
 * A reference name matches a {@code $ref} when they are equal, when the name resolved against the referring
 * document's {@code $id} is the {@code $ref} resolved the same way, or when one is the other with a leading
 * {@code ./}. Nothing is fetched from the network.
 */
final class JsonReferences {

    /** A schema node together with the document it sits in, which is where its local {@code $ref}s point. */
    record Located(JsonNode node, JsonNode document) {
    }

    private final JsonNode root;
    private final Map<String, JsonNode> documents;

    JsonReferences(JsonNode root, Map<String, JsonNode> documents) {
        this.root = root;
        this.documents = new LinkedHashMap<>(documents);
    }

    JsonNode root() {
        return root;
    }

    /** The text the validator's loader asks for by IRI, or null when no reference provides it. */
    String textFor(String iri) {
        String name = documentName(iri, root);
        return name == null ? null : JsonMappers.write(JsonDialect.forValidator(documents.get(name)));
    }

    /** Where {@code ref}, written in {@code document}, points; empty when nothing given here provides it. */
    Optional<Located> resolve(String ref, JsonNode document) {
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        String name = location.isEmpty() ? null : documentName(location, document);
        if (!location.isEmpty() && name == null) {
            return Optional.empty();
        }
        JsonNode target = name == null ? document : documents.get(name);
        if (fragment.isEmpty()) {
            return Optional.of(new Located(target, target));
        }
        if (!fragment.startsWith("/")) {
            // A plain-name fragment ($anchor / draft-4 "id": "#x"): search the document for it.
            return findAnchor(target, fragment).map(n -> new Located(n, target));
        }
        JsonNode found;
        try {
            found = target.at(JsonPointer.compile(fragment));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return found.isMissingNode() ? Optional.empty() : Optional.of(new Located(found, target));
    }

    /** Every {@code $ref} in the schema and its referenced documents that does not resolve, with where it is. */
    List<String> unresolved() {
        List<String> problems = new ArrayList<>();
        collect(root, root, "#", problems);
        documents.forEach((name, doc) -> collect(doc, doc, name + "#", problems));
        return problems;
    }

    private void collect(JsonNode node, JsonNode document, String path, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && resolve(ref.asText(), document).isEmpty()) {
                problems.add("'" + ref.asText() + "' at " + path);
            }
            node.properties().forEach(e -> {
                // enum and const values and examples are data, not schemas: a "$ref" inside them is no reference.
                if (!e.getKey().equals("enum") && !e.getKey().equals("const") && !e.getKey().equals("examples")) {
                    collect(e.getValue(), document, path + "/" + e.getKey(), problems);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), document, path + "/" + i, problems);
            }
        }
    }

    private String documentName(String location, JsonNode referrer) {
        if (documents.containsKey(location)) {
            return location;
        }
        String resolved = resolveAgainst(idOf(referrer), location);
        for (String name : documents.keySet()) {
            if (name.equals(resolved) || resolveAgainst(idOf(referrer), name).equals(resolved)
                    || stripDot(name).equals(stripDot(location)) || resolved.endsWith("/" + stripDot(name))) {
                return name;
            }
        }
        return null;
    }

    private static String idOf(JsonNode document) {
        if (document.isObject()) {
            JsonNode id = document.has("$id") ? document.get("$id") : document.get("id");
            if (id != null && id.isTextual()) {
                return id.asText();
            }
        }
        return null;
    }

    private static String resolveAgainst(String base, String ref) {
        if (base == null) {
            return ref;
        }
        try {
            return URI.create(base).resolve(URI.create(ref)).toString();
        } catch (IllegalArgumentException e) {
            return ref;
        }
    }

    private static String stripDot(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    private static Optional<JsonNode> findAnchor(JsonNode node, String anchor) {
        if (node.isObject()) {
            if (anchor.equals(node.path("$anchor").asText(null)) || ("#" + anchor).equals(node.path("id").asText(null))
                    || ("#" + anchor).equals(node.path("$id").asText(null))) {
                return Optional.of(node);
            }
            for (JsonNode child : node) {
                Optional<JsonNode> found = findAnchor(child, anchor);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                Optional<JsonNode> found = findAnchor(child, anchor);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
