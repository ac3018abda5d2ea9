package kz.qagida.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, and the link of the chain. */
public final class Hashes {

    /** The hash before the first record. */
    public static final String GENESIS = "0".repeat(64);

    private Hashes() {
    }

    public static String sha256(byte[] bytes) {
        return hex(digest().digest(bytes));
    }

    /** A new SHA-256 digest, for content hashed in parts. */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A record's hash binds its position, its content and the hash of the record before it. */
    public static String link(String previousHash, long seq, String contentHash) {
        return sha256(previousHash + "\n" + seq + "\n" + contentHash);
    }
}
