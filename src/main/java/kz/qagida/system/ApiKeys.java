package kz.qagida.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys the service accepts. A key is {@code name:secret:role1,role2}; only the SHA-256 of
 * each secret is kept, and a presented secret is compared with every key in constant time.
 */
public final class ApiKeys {

    /** The roles a key may carry. */
    public static final Set<String> ROLES = Set.of("checker", "analyst", "auditor");

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final int MIN_SECRET_LENGTH = 16;
    /** What the samples in k8s/ and the docs put where a secret goes: a key holding one is refused at start. */
    static final Pattern PLACEHOLDER =
            Pattern.compile("(?i)change[-_]?me|…|<secret>|replace[-_]?me");

    /** One accepted key: its name (the caller's name in the audit and history), hashed secret and roles. */
    public record Key(String name, byte[] hash, Set<String> roles) {
    }

    private final List<Key> keys;

    ApiKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public int size() {
        return keys.size();
    }

    /** The key whose secret this is, or null; takes the same time whichever key (if any) matches. */
    public Key match(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return null;
        }
        byte[] hash = sha256(secret);
        Key found = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.hash(), hash) && found == null) {
                found = k;
            }
        }
        return found;
    }

    /**
     * Keys from the inline setting (environment variable {@code QAGIDA_API_KEYS}) and the key file;
     * when neither names a key, the generated key file (made on the first start) is read.
     */
    static ApiKeys load(String inline, String keyFile, Path generatedFile) throws IOException {
        List<Key> keys = new ArrayList<>(parse(inline == null ? "" : inline.replace(';', '\n'), "QAGIDA_API_KEYS"));
        if (keyFile != null && !keyFile.isBlank()) {
            Path file = Path.of(keyFile);
            keys.addAll(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        }
        if (keys.isEmpty()) {
            if (!Files.exists(generatedFile)) {
                generate(generatedFile);
                log.warn("No API keys configured: generated one with all roles in {} (readable only by this user). "
                        + "Set QAGIDA_API_KEYS or qagida.security.key-file for real use.", generatedFile.toAbsolutePath());
            } else {
                log.info("No API keys configured: using the generated key in {}", generatedFile.toAbsolutePath());
            }
            keys.addAll(parse(Files.readString(generatedFile, StandardCharsets.UTF_8), generatedFile.toString()));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Key k : keys) {
            if (!names.add(k.name())) {
                throw new IllegalStateException("API key name '" + k.name() + "' is used twice");
            }
        }
        log.info("{} API key(s) accepted: {}", keys.size(), names);
        return new ApiKeys(keys);
    }

    /** Lines or {@code ;}-separated entries {@code name:secret:role1,role2}; blank lines and {@code #} comments are skipped. */
    static List<Key> parse(String text, String where) {
        List<Key> keys = new ArrayList<>();
        int line = 0;
        for (String raw : text.split("\n")) {
            line++;
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException(where + " entry " + line + ": expected name:secret:role1,role2");
            }
            if (parts[1].length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException(where + " entry " + line + " (" + parts[0].strip()
                        + "): the secret must have at least " + MIN_SECRET_LENGTH + " characters");
            }
            if (PLACEHOLDER.matcher(parts[1]).find()) {
                throw new StartRefusedException(where + " entry " + line + " (" + parts[0].strip()
                        + "): the secret is still a placeholder ('" + PLACEHOLDER.matcher(parts[1]).results().findFirst()
                                .map(MatchResult::group).orElse("") + "'), so anyone who read the sample could use it.",
                        "Put a random secret in its place (openssl rand -base64 32), e.g. in the Secret qagida-api-keys, and start again.");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : parts[2].split(",")) {
                String r = role.strip().toLowerCase(java.util.Locale.ROOT);
                if (!ROLES.contains(r)) {
                    throw new IllegalStateException(where + " entry " + line + " (" + parts[0].strip() + "): unknown role '"
                            + role.strip() + "'; roles are " + ROLES);
                }
                roles.add(r);
            }
            keys.add(new Key(parts[0].strip(), sha256(parts[1].strip()), Set.copyOf(roles)));
        }
        return keys;
    }

    private static void generate(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String content = "# generated on first start: name:secret:roles (send the secret as X-API-Key)\n"
                + "admin:" + secret + ":checker,analyst,auditor\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.setPosixFilePermissions(file, ownerOnly);
        } else {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
