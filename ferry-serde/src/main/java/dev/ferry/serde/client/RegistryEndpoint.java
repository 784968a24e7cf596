package dev.ferry.serde.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.config.ConfigException;

/**
 * One entry of {@code schema.registry.url}: the base URL without credentials (so they never reach a log line or
 * an error message) and the {@code user:password} the URL carried, which {@code basic.auth.credentials.source=URL}
 * sends.
 */
record RegistryEndpoint(String baseUrl, String userInfo) {

    static RegistryEndpoint parse(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new ConfigException(SchemaRegistryClients.URL_CONFIG, url,
                        "Expected an http:// or https:// URL such as http://localhost:8081.");
            }
            URI withoutUser = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
            String base = withoutUser.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return new RegistryEndpoint(base, uri.getRawUserInfo() == null ? null
                    : URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8));
        } catch (URISyntaxException e) {
            throw new ConfigException(SchemaRegistryClients.URL_CONFIG, url, "Not a URL: " + e.getMessage());
        }
    }

    boolean https() {
        return baseUrl.regionMatches(true, 0, "https:", 0, 6);
    }
}
