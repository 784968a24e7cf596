package dev.ferry.schema;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The {@link SchemaProvider} of each {@link SchemaType}, found through {@link ServiceLoader} so that a format
 * whose library is heavy (Protobuf's parser brings Kotlin) lives in a module of its own and is present only where
 * that module is on the class path.
 */
public final class SchemaProviders {

    private static final Map<SchemaType, SchemaProvider> PROVIDERS = load();

    private SchemaProviders() {
    }

    /**
     * The provider that parses schemas of this type.
     *
     * @throws InvalidSchemaException when no module on the class path provides the type
     */
    public static SchemaProvider of(SchemaType type) {
        SchemaProvider provider = PROVIDERS.get(type);
        if (provider == null) {
            throw new InvalidSchemaException("Schema type " + type + " is not supported here: no " + type
                    + " schema provider is on the class path. Add " + moduleOf(type) + " to the class path.");
        }
        return provider;
    }

    /** Whether some module on the class path provides this type. */
    public static boolean supports(SchemaType type) {
        return PROVIDERS.containsKey(type);
    }

    private static String moduleOf(SchemaType type) {
        return type == SchemaType.PROTOBUF ? "dev.ferry:ferry-schema-protobuf" : "dev.ferry:ferry-schema";
    }

    private static Map<SchemaType, SchemaProvider> load() {
        Map<SchemaType, SchemaProvider> providers = new EnumMap<>(SchemaType.class);
        for (SchemaProvider provider : ServiceLoader.load(SchemaProvider.class, SchemaProviders.class.getClassLoader())) {
            providers.putIfAbsent(provider.type(), provider);
        }
        return providers;
    }
}
