package dev.ferry.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code ${provider:path:key}} references in a connector config that did not resolve,
 * and says why in words that name the setting, the reference and the fix, never a resolved value.
 *
 * <p>Apache's worker leaves such a reference in place, so a connector starts with the literal
 * text {@code ${vault:db:password}} as its password and fails later with a misleading error from
 * the database, or worse, works with the wrong value. Ferry refuses instead: a reference to a
 * provider the worker does not have is a mistake in the request (400 on create), and a key the
 * provider does not have (an unset environment variable, a key missing from a properties file)
 * fails the connector or task that needs it, with this text as the reason. Keys are judged by the
 * worker that runs the connector, as environment variables and files may differ between workers.
 *
 * <p>Thread contract: stateless.
 */
final class ProviderReferences {
    /** Kafka's ConfigTransformer pattern: {@code ${provider:path:key}} or {@code ${provider:key}}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");

    private ProviderReferences() {
    }

    /** Whether {@code value} holds at least one reference. */
    static boolean mentionsAny(String value) {
        return value != null && REFERENCE.matcher(value).find();
    }

    /**
     * What is wrong with the references in {@code raw} that name a provider not in {@code providers}.
     * Empty when every reference names a configured provider.
     */
    static List<String> unknownProviders(Map<String, String> raw, Set<String> providers) {
        List<String> problems = new ArrayList<>();
        raw.forEach((setting, value) -> {
            if (value == null) {
                return;
            }
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String provider = m.group(1);
                if (!providers.contains(provider)) {
                    problems.add("Setting '" + setting + "' refers to " + m.group() + ", but this worker has no config "
                            + "provider named '" + provider + "' (config.providers is "
                            + (providers.isEmpty() ? "empty" : "'" + String.join(",", providers) + "'") + "). Add '"
                            + provider + "' to config.providers in the worker configuration with its "
                            + "config.providers." + provider + ".class, or correct the provider name in the reference.");
                }
            }
        });
        return problems;
    }

    /**
     * What is wrong with the references of configured providers that are still in {@code resolved}
     * after resolving {@code raw}: the provider had no value for that path and key.
     */
    static List<String> missingKeys(Map<String, String> raw, Map<String, String> resolved, Set<String> providers) {
        List<String> problems = new ArrayList<>();
        raw.forEach((setting, value) -> {
            String after = resolved.get(setting);
            if (value == null || after == null) {
                return;
            }
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                String provider = m.group(1);
                if (providers.contains(provider) && after.contains(m.group())) {
                    String path = m.group(3);
                    problems.add("Setting '" + setting + "' refers to " + m.group() + ", but config provider '"
                            + provider + "' has no key '" + m.group(4) + "'"
                            + (path == null || path.isEmpty() ? "" : " at path '" + path + "'") + " on this worker"
                            + ". Add the key (e.g. set the environment variable or add it to the file), or check "
                            + "that the path is inside the provider's allowed.paths (or the variable matches its "
                            + "allowlist.pattern).");
                }
            }
        });
        return problems;
    }
}
