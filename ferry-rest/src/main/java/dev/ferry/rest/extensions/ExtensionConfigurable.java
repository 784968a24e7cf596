package dev.ferry.rest.extensions;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ConnectRestExtensionContext.configurable()} hands an extension: a JAX-RS
 * {@link Configurable} that records the filters, resources and other providers the extension
 * registers, with the priority of each contract, for {@link RestExtensions} to install.
 *
 * <p>As on Apache (its {@code ConnectRestConfigurable} over Jersey's {@code ResourceConfig}), a
 * component registered twice, or a second component of a class already registered, is ignored
 * with a warning. A {@link Feature} is configured at once with a
 * {@link FeatureContext} over this object, and kept only when it says it is enabled.
 *
 * <p>Not thread-safe: extensions register from the thread that starts the REST server.
 */
final class ExtensionConfigurable implements Configurable<ExtensionConfigurable> {
    private static final Logger log = LoggerFactory.getLogger(ExtensionConfigurable.class);

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<RegisteredComponent> components = new ArrayList<>();
    private final Set<Object> enabledFeatures = new LinkedHashSet<>();
    private final Set<Class<?>> enabledFeatureClasses = new LinkedHashSet<>();
    private final Configuration configuration = new View();

    List<RegisteredComponent> components() {
        return Collections.unmodifiableList(components);
    }

    Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    @Override
    public Configuration getConfiguration() {
        return configuration;
    }

    @Override
    public ExtensionConfigurable property(String name, Object value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.put(name, value);
        }
        return this;
    }

    @Override
    public ExtensionConfigurable register(Class<?> componentClass) {
        return add(componentClass, null, null, null);
    }

    @Override
    public ExtensionConfigurable register(Class<?> componentClass, int priority) {
        return add(componentClass, null, priority, null);
    }

    @Override
    public ExtensionConfigurable register(Class<?> componentClass, Class<?>... contracts) {
        return add(componentClass, null, null, contractMap(componentClass, contracts));
    }

    @Override
    public ExtensionConfigurable register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        return add(componentClass, null, null, contracts);
    }

    @Override
    public ExtensionConfigurable register(Object component) {
        return add(component.getClass(), component, null, null);
    }

    @Override
    public ExtensionConfigurable register(Object component, int priority) {
        return add(component.getClass(), component, priority, null);
    }

    @Override
    public ExtensionConfigurable register(Object component, Class<?>... contracts) {
        return add(component.getClass(), component, null, contractMap(component.getClass(), contracts));
    }

    @Override
    public ExtensionConfigurable register(Object component, Map<Class<?>, Integer> contracts) {
        return add(component.getClass(), component, null, contracts);
    }

    private ExtensionConfigurable add(Class<?> type, Object instance, Integer priority,
                                      Map<Class<?>, Integer> explicitContracts) {
        if (type == null) {
            throw new IllegalArgumentException("A REST extension registered null; register a filter, resource or "
                    + "provider class or instance.");
        }
        if (instance != null && isRegisteredInstance(instance) || isRegisteredClass(type)) {
            // Apache's configurable refuses a component registered before, and Jersey one of a class registered before
            log.warn("The resource {} is already registered", instance != null ? instance : type);
            return this;
        }
        Map<Class<?>, Integer> contracts = new LinkedHashMap<>();
        if (explicitContracts != null) {
            explicitContracts.forEach((contract, p) -> {
                if (contract.isAssignableFrom(type)) {
                    contracts.put(contract, p == null || p == -1 ? defaultPriority(type) : p);
                } else {
                    log.warn("{} does not implement {}; that contract is ignored", type.getName(), contract.getName());
                }
            });
        } else {
            for (Class<?> contract : providerContracts(type)) {
                contracts.put(contract, priority != null ? priority : defaultPriority(type));
            }
        }
        if (Feature.class.isAssignableFrom(type) && contracts.containsKey(Feature.class)) {
            configureFeature(type, instance);
            contracts.remove(Feature.class);
            if (contracts.isEmpty() && !type.isAnnotationPresent(Path.class)) {
                return this;
            }
        }
        components.add(new RegisteredComponent(type, instance, Map.copyOf(contracts)));
        return this;
    }

    private void configureFeature(Class<?> type, Object instance) {
        Feature feature = (Feature) (instance != null ? instance : ComponentInstances.create(type));
        if (feature.configure(new FeatureView())) {
            enabledFeatures.add(feature);
            enabledFeatureClasses.add(type);
        }
    }

    private boolean isRegisteredInstance(Object instance) {
        return components.stream().anyMatch(c -> c.instance() == instance) || enabledFeatures.contains(instance);
    }

    private boolean isRegisteredClass(Class<?> type) {
        return components.stream().anyMatch(c -> c.type() == type) || enabledFeatureClasses.contains(type);
    }

    private static Map<Class<?>, Integer> contractMap(Class<?> type, Class<?>... contracts) {
        Map<Class<?>, Integer> map = new LinkedHashMap<>();
        for (Class<?> contract : contracts) {
            map.put(contract, defaultPriority(type));
        }
        return map;
    }

    /** The JAX-RS provider interfaces (anything in {@code jakarta.ws.rs}) a component implements. */
    static Set<Class<?>> providerContracts(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            collectInterfaces(c, found);
        }
        return found;
    }

    private static void collectInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> iface : type.getInterfaces()) {
            if (iface.getName().startsWith("jakarta.ws.rs.")) {
                into.add(iface);
            }
            collectInterfaces(iface, into);
        }
    }

    /** {@code @Priority} on the class (Jakarta's annotation), or {@link Priorities#USER}. */
    static int defaultPriority(Class<?> type) {
        Priority priority = type.getAnnotation(Priority.class);
        return priority != null ? priority.value() : Priorities.USER;
    }

    /** The read-only view {@link #getConfiguration()} returns. */
    private final class View implements Configuration {
        @Override
        public RuntimeType getRuntimeType() {
            return RuntimeType.SERVER;
        }

        @Override
        public Map<String, Object> getProperties() {
            return Collections.unmodifiableMap(properties);
        }

        @Override
        public Object getProperty(String name) {
            return properties.get(name);
        }

        @Override
        public Collection<String> getPropertyNames() {
            return Collections.unmodifiableSet(properties.keySet());
        }

        @Override
        public boolean isEnabled(Feature feature) {
            return enabledFeatures.contains(feature);
        }

        @Override
        public boolean isEnabled(Class<? extends Feature> featureClass) {
            return enabledFeatureClasses.contains(featureClass);
        }

        @Override
        public boolean isRegistered(Object component) {
            return isRegisteredInstance(component);
        }

        @Override
        public boolean isRegistered(Class<?> componentClass) {
            return isRegisteredClass(componentClass);
        }

        @Override
        public Map<Class<?>, Integer> getContracts(Class<?> componentClass) {
            return components.stream().filter(c -> c.type() == componentClass).findFirst()
                    .map(RegisteredComponent::contracts).orElse(Map.of());
        }

        @Override
        public Set<Class<?>> getClasses() {
            Set<Class<?>> classes = new LinkedHashSet<>();
            components.stream().filter(c -> c.instance() == null).forEach(c -> classes.add(c.type()));
            return classes;
        }

        @Override
        public Set<Object> getInstances() {
            Set<Object> instances = new LinkedHashSet<>();
            components.stream().filter(c -> c.instance() != null).forEach(c -> instances.add(c.instance()));
            instances.addAll(enabledFeatures);
            return instances;
        }
    }

    /** The {@link FeatureContext} a registered feature configures: registrations land in this configurable. */
    private final class FeatureView implements FeatureContext {
        @Override
        public Configuration getConfiguration() {
            return configuration;
        }

        @Override
        public FeatureContext property(String name, Object value) {
            ExtensionConfigurable.this.property(name, value);
            return this;
        }

        @Override
        public FeatureContext register(Class<?> componentClass) {
            ExtensionConfigurable.this.register(componentClass);
            return this;
        }

        @Override
        public FeatureContext register(Class<?> componentClass, int priority) {
            ExtensionConfigurable.this.register(componentClass, priority);
            return this;
        }

        @Override
        public FeatureContext register(Class<?> componentClass, Class<?>... contracts) {
            ExtensionConfigurable.this.register(componentClass, contracts);
            return this;
        }

        @Override
        public FeatureContext register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
            ExtensionConfigurable.this.register(componentClass, contracts);
            return this;
        }

        @Override
        public FeatureContext register(Object component) {
            ExtensionConfigurable.this.register(component);
            return this;
        }

        @Override
        public FeatureContext register(Object component, int priority) {
            ExtensionConfigurable.this.register(component, priority);
            return this;
        }

        @Override
        public FeatureContext register(Object component, Class<?>... contracts) {
            ExtensionConfigurable.this.register(component, contracts);
            return this;
        }

        @Override
        public FeatureContext register(Object component, Map<Class<?>, Integer> contracts) {
            ExtensionConfigurable.this.register(component, contracts);
            return this;
        }
    }
}
