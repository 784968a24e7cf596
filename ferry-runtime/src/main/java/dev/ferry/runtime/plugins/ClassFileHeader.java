package dev.ferry.runtime.plugins;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The name, access flags, superclass and interfaces of a compiled class, read from its class file without
 * loading it. Reading only the constant pool and these few fields is what keeps plugin scanning fast: no class
 * is defined, initialised or instantiated to find out whether it is a plugin.
 *
 * @param name       binary name with dots, e.g. {@code com.example.Outer$Inner}
 * @param access     the class file's access flags
 * @param superName  binary name of the superclass; null only for {@code java.lang.Object} and module-info
 * @param interfaces binary names of the directly implemented interfaces
 */
record ClassFileHeader(String name, int access, String superName, List<String> interfaces) {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_ENUM = 0x4000;
    private static final int ACC_MODULE = 0x8000;

    /** Whether the class could be a plugin implementation: public, concrete, and a plain class. */
    boolean isPublicConcreteClass() {
        return (access & ACC_PUBLIC) != 0
                && (access & (ACC_INTERFACE | ACC_ABSTRACT | ACC_ANNOTATION | ACC_ENUM | ACC_MODULE)) == 0;
    }

    /** The direct supertypes: the superclass (if any) followed by the interfaces. */
    List<String> supertypes() {
        List<String> all = new ArrayList<>(interfaces.size() + 1);
        if (superName != null) {
            all.add(superName);
        }
        all.addAll(interfaces);
        return all;
    }

    /** Parses the start of a class file. */
    static ClassFileHeader parse(byte[] classFile) throws IOException {
        return parse(new ByteArrayInputStream(classFile));
    }

    /**
     * Parses the start of a class file, reading no further than the interface list: method bodies, usually most
     * of a class, are never read (for a jar entry, never even inflated). Constant pool strings are kept as raw
     * bytes and only the few that name classes are decoded.
     */
    static ClassFileHeader parse(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(classFile, 2048));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file (bad magic number)");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int poolSize = in.readUnsignedShort();
        Utf8Pool utf8 = new Utf8Pool(poolSize);
        int[] classNameIndex = new int[poolSize];
        for (int i = 1; i < poolSize; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.read(i, in);
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> skip(in, 2);
                case 15 -> skip(in, 3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(in, 4);
                case 5, 6 -> {
                    skip(in, 8);
                    i++; // longs and doubles take two pool slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at index " + i);
            }
        }
        int access = in.readUnsignedShort();
        String name = className(in.readUnsignedShort(), utf8, classNameIndex);
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : className(superIndex, utf8, classNameIndex);
        int interfaceCount = in.readUnsignedShort();
        List<String> interfaces = new ArrayList<>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(className(in.readUnsignedShort(), utf8, classNameIndex));
        }
        return new ClassFileHeader(name, access, superName, List.copyOf(interfaces));
    }

    /** The constant pool's UTF-8 entries as undecoded bytes in one growing array. */
    private static final class Utf8Pool {
        private final int[] offsets;
        private final int[] lengths;
        private byte[] bytes = new byte[4096];
        private int size;

        Utf8Pool(int poolSize) {
            offsets = new int[poolSize];
            lengths = new int[poolSize];
            java.util.Arrays.fill(lengths, -1);
        }

        void read(int index, DataInputStream in) throws IOException {
            int length = in.readUnsignedShort();
            if (size + length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            in.readFully(bytes, size, length);
            offsets[index] = size;
            lengths[index] = length;
            size += length;
        }

        /** Decodes an entry; class names are nearly always ASCII, anything else goes through modified UTF-8. */
        String get(int index) throws IOException {
            if (index <= 0 || index >= lengths.length || lengths[index] < 0) {
                return null;
            }
            int offset = offsets[index];
            int length = lengths[index];
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] < 0 || bytes[i] == 0) {
                    byte[] prefixed = new byte[length + 2];
                    prefixed[0] = (byte) (length >>> 8);
                    prefixed[1] = (byte) length;
                    System.arraycopy(bytes, offset, prefixed, 2, length);
                    return new DataInputStream(new ByteArrayInputStream(prefixed)).readUTF();
                }
            }
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static void skip(DataInputStream in, int bytes) throws IOException {
        if (in.skipBytes(bytes) != bytes) {
            throw new IOException("truncated class file");
        }
    }

    private static String className(int classIndex, Utf8Pool utf8, int[] classNameIndex) throws IOException {
        String name = classIndex > 0 && classIndex < classNameIndex.length ? utf8.get(classNameIndex[classIndex]) : null;
        if (name == null) {
            throw new IOException("bad class reference " + classIndex);
        }
        return name.replace('/', '.');
    }
}
