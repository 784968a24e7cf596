package dev.ferry.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-512 (and SHA-1, for Maven-style {@code .sha1} files) of files, and the check of an expected value. */
final class Checksums {
    private Checksums() {
    }

    static String sha512(Path file) {
        return digest(file, "SHA-512");
    }

    static String sha1(Path file) {
        return digest(file, "SHA-1");
    }

    private static String digest(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw InstallException.failed("Could not read " + file + " to compute its " + algorithm + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /**
     * The expected value as lower-case hex: the first word of {@code text}, so a {@code sha512sum} output line or a
     * {@code .sha512} file's content works as it is.
     *
     * @throws InstallException when it is not {@code hexLength} hex digits
     */
    static String normalise(String text, int hexLength, String what) {
        String value = text.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (value.length() != hexLength || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw InstallException.usage(what + " '" + text.trim() + "' is not " + hexLength + " hexadecimal digits ("
                    + (hexLength == 128 ? "SHA-512, as sha512sum prints it" : "SHA-1") + ").");
        }
        return value;
    }

    /**
     * Checks {@code file} against an expected SHA-512.
     *
     * @throws InstallException naming both values when they differ
     */
    static void verifySha512(Path file, String expected, String source) {
        String actual = sha512(file);
        if (!actual.equals(normalise(expected, 128, "--sha512"))) {
            throw InstallException.failed("Checksum mismatch for " + source + ": expected SHA-512 "
                    + normalise(expected, 128, "--sha512") + " but the file has " + actual + ". The download is "
                    + "corrupt or not the file you meant; nothing was installed. Check the value given to --sha512.");
        }
    }
}
