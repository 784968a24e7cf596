package dev.ferry.rest.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes of the REST API's users, in the form
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}: PBKDF2 with HMAC-SHA256 from the
 * JDK's {@link SecretKeyFactory}, so no password is stored in plain text and no library is needed.
 * The same form is written by Python's {@code hashlib.pbkdf2_hmac('sha256', ...)} (see docs/SECURITY.md)
 * and by {@link #main}: {@code java -cp 'lib/*' dev.ferry.rest.security.PasswordHashes}, which reads
 * the password from the console (or standard input) so that it never appears in a shell history.
 */
public final class PasswordHashes {
    /** The scheme name at the start of every hash. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a hash is refused as too cheap to brute-force. */
    static final int MIN_ITERATIONS = 10_000;
    private static final int KEY_BITS = 256;

    private PasswordHashes() {
    }

    /** A new hash of {@code password} with a random salt. */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Checks that {@code encoded} is a hash this class can verify.
     *
     * @throws IllegalArgumentException saying what is wrong, never repeating the value
     */
    public static void check(String encoded) {
        parse(encoded);
    }

    /** Whether {@code password} matches {@code encoded}, in time independent of where they differ. */
    public static boolean verify(char[] password, String encoded) {
        Parsed parsed = parse(encoded);
        return MessageDigest.isEqual(parsed.hash, derive(password, parsed.salt, parsed.iterations));
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.strip().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash of the form " + SCHEME
                    + "$<iterations>$<salt>$<hash> (make one with dev.ferry.rest.security.PasswordHashes)");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count of a password hash is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("a password hash has " + iterations + " iterations; at least "
                    + MIN_ITERATIONS + " are required (" + DEFAULT_ITERATIONS + " recommended)");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new Parsed(iterations, b64.decode(parts[2]), b64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or hash of a password hash is not base64");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Prints the hash of a password read from the console, or from the first line of standard input. */
    public static void main(String[] args) throws java.io.IOException {
        char[] password;
        if (System.console() != null) {
            password = System.console().readPassword("Password: ");
        } else {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
                    .readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("No password given");
            System.exit(2);
        }
        System.out.println(hash(password, DEFAULT_ITERATIONS));
    }
}
