package kz.qagida.ruleset;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The names Qagida's own code can read a table's metadata column by: every string constant and
 * identifier in its compiled classes (a fact reads {@code row.params().get("windowDays")}). A
 * column whose key is not among them, nor in any DRL file, is read by nothing.
 */
final class ReadNames {

    private static volatile Set<String> cached;

    private ReadNames() {
    }

    static Set<String> ofCode() {
        Set<String> names = cached;
        if (names == null) {
            names = new HashSet<>();
            try {
                List<Resource> classes = ownClasses(new PathMatchingResourcePatternResolver().getResources("classpath*:kz/qagida/**/*.class"));
                for (Resource r : classes) {
                    try (InputStream in = r.getInputStream()) {
                        constants(in, names);
                    }
                }
            } catch (IOException e) {
                return Set.of(); // unknown: report nothing rather than everything
            }
            cached = names = Set.copyOf(names);
        }
        return names;
    }

    /**
     * The classes beside this one (the application's own folder or jar), not the test classes a
     * test run adds to the class path: a test or a tool naming a column must not make it "read".
     * All of them when their addresses do not tell.
     */
    static List<Resource> ownClasses(Resource[] all) throws IOException {
        String self = String.valueOf(ReadNames.class.getResource("ReadNames.class"));
        String root = self.substring(0, self.length() - (ReadNames.class.getName().replace('.', '/') + ".class").length());
        List<Resource> own = new ArrayList<>();
        for (Resource r : all) {
            if (r.getURL().toString().startsWith(root)) {
                own.add(r);
            }
        }
        return own.isEmpty() ? List.of(all) : own;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4). */
    static void constants(InputStream classFile, Set<String> out) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            return;
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> {
                    return;
                }
            }
        }
    }
}
