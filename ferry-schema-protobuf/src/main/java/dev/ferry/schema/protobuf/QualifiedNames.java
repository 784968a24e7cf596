package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.List;

/**
 * Writes the full names protobuf-java resolved back into a {@code FileDescriptorProto} ({@code Inner} becomes
 * {@code .pkg.Outer.Inner}, with its type set), so the serialized form reads the same as protoc's output and
 * needs no scoping rules from whoever decodes it.
 */
final class QualifiedNames {

    private QualifiedNames() {
    }

    static FileDescriptorProto of(FileDescriptor file) {
        FileDescriptorProto.Builder proto = file.toProto().toBuilder();
        for (int i = 0; i < proto.getMessageTypeCount(); i++) {
            message(proto.getMessageTypeBuilder(i), file.getMessageTypes().get(i));
        }
        fields(proto.getExtensionBuilderList(), file.getExtensions());
        for (int i = 0; i < proto.getServiceCount(); i++) {
            service(proto.getServiceBuilder(i), file.getServices().get(i));
        }
        return proto.build();
    }

    private static void message(DescriptorProto.Builder proto, Descriptor descriptor) {
        fields(proto.getFieldBuilderList(), descriptor.getFields());
        fields(proto.getExtensionBuilderList(), descriptor.getExtensions());
        for (int i = 0; i < proto.getNestedTypeCount(); i++) {
            message(proto.getNestedTypeBuilder(i), descriptor.getNestedTypes().get(i));
        }
    }

    private static void fields(List<FieldDescriptorProto.Builder> protos, List<FieldDescriptor> fields) {
        for (int i = 0; i < protos.size(); i++) {
            FieldDescriptorProto.Builder proto = protos.get(i);
            FieldDescriptor field = fields.get(i);
            if (field.getType() == FieldDescriptor.Type.MESSAGE || field.getType() == FieldDescriptor.Type.GROUP) {
                proto.setType(field.getType().toProto()).setTypeName("." + field.getMessageType().getFullName());
            } else if (field.getType() == FieldDescriptor.Type.ENUM) {
                proto.setType(FieldDescriptorProto.Type.TYPE_ENUM).setTypeName("." + field.getEnumType().getFullName());
            }
            if (field.isExtension()) {
                proto.setExtendee("." + field.getContainingType().getFullName());
            }
        }
    }

    private static void service(ServiceDescriptorProto.Builder proto, ServiceDescriptor service) {
        for (int i = 0; i < proto.getMethodCount(); i++) {
            MethodDescriptorProto.Builder method = proto.getMethodBuilder(i);
            MethodDescriptor descriptor = service.getMethods().get(i);
            method.setInputType("." + descriptor.getInputType().getFullName());
            method.setOutputType("." + descriptor.getOutputType().getFullName());
        }
    }
}
