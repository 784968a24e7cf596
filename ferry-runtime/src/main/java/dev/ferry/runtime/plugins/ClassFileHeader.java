package dev.ferry.runtime.plugins;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
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
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file (bad magic number)");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int poolSize = in.readUnsignedShort();
        String[] utf8 = new String[poolSize];
        int[] classNameIndex = new int[poolSize];
        for (int i = 1; i < poolSize; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
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

    private static void skip(DataInputStream in, int bytes) throws IOException {
        if (in.skipBytes(bytes) != bytes) {
            throw new IOException("truncated class file");
        }
    }

    private static String className(int classIndex, String[] utf8, int[] classNameIndex) throws IOException {
        if (classIndex <= 0 || classIndex >= classNameIndex.length || utf8[classNameIndex[classIndex]] == null) {
            throw new IOException("bad class reference " + classIndex);
        }
        return utf8[classNameIndex[classIndex]].replace('/', '.');
    }
}
