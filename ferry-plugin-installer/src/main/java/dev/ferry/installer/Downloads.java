package dev.ferry.installer;

import dev.ferry.runtime.model.Sentences;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches archives named by URL ({@code http}, {@code https}, {@code file}) into a local file, with the JDK's HTTP
 * client (which honours {@code -Dhttps.proxyHost} and friends). When the server also publishes
 * {@code <url>.sha512} or {@code <url>.sha1}, as Maven repositories and many release pages do, the download is
 * checked against it.
 */
final class Downloads {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Downloads() {
    }

    static boolean isUrl(String text) {
        return text.startsWith("http://") || text.startsWith("https://") || text.startsWith("file:");
    }

    /**
     * Downloads {@code url} to {@code target}.
     *
     * @throws InstallException when the server is unreachable, answers other than 200, or the published checksum
     *                          differs
     */
    static void fetch(String url, Path target) {
        URI uri = URI.create(url);
        if ("file".equals(uri.getScheme())) {
            try {
                Files.copy(Path.of(uri), target);
                return;
            } catch (IOException e) {
                throw InstallException.usage(Sentences.end("Could not read " + url + ": " + e));
            }
        }
        try {
            HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(target);
                throw InstallException.failed("Downloading " + url + " failed: the server answered HTTP "
                        + response.statusCode() + (response.statusCode() == 404 ? " (not found): check the URL" : "")
                        + ". Nothing was installed.");
            }
        } catch (IOException e) {
            throw InstallException.environment(Sentences.then("Could not download " + url + ": " + e, "Check the network and "
                    + "proxy settings (-Dhttps.proxyHost in FERRY_OPTS); nothing was installed."), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InstallException.failed("Interrupted while downloading " + url, e);
        }
        publishedChecksum(url + ".sha512").ifPresent(expected -> {
            String actual = Checksums.sha512(target);
            if (!actual.equals(Checksums.normalise(expected, 128, url + ".sha512"))) {
                throw InstallException.failed("Checksum mismatch for " + url + ": " + url + ".sha512 says "
                        + expected.trim() + " but the download has " + actual + ". Nothing was installed; retry.");
            }
        });
    }

    private static Optional<String> publishedChecksum(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().isBlank() ? Optional.of(response.body())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
