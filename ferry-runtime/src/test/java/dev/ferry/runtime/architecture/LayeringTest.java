package dev.ferry.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ferry-runtime ({@link Layers}) as rules that fail the build, each failure saying
 * how to fix it. The control plane may use the record path, never the reverse: a lower layer that
 * needs something of a higher one gets a type or a callback interface of its own.
 *
 * <p>The rules are checked from plain JUnit tests rather than ArchUnit's own engine, so that they
 * run (and are counted) however surefire selects tests.
 */
class LayeringTest {
    private static JavaClasses runtimeClasses;

    @BeforeAll
    static void importRuntimeClasses() {
        runtimeClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(Layers.ROOT);
    }

    @Test
    void modelUsesNothingOfFerrys() {
        MODEL_USES_NOTHING_OF_FERRYS.check(runtimeClasses);
    }

    @Test
    void everyPackageHasAPlaceInTheLayering() {
        EVERY_PACKAGE_HAS_A_PLACE.check(runtimeClasses);
    }

    @Test
    void layersUseOnlyTheLayersBelowThem() {
        LAYERS_USE_ONLY_LOWER_LAYERS.check(runtimeClasses);
    }

    static final ArchRule MODEL_USES_NOTHING_OF_FERRYS = noClasses()
            .that().resideInAPackage(Layers.ROOT + ".model..")
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "are Ferry classes outside dev.ferry.runtime.model",
                    (JavaClass target) -> target.getPackageName().startsWith("dev.ferry.")
                            && !target.getPackageName().startsWith(Layers.ROOT + ".model")))
            .because("""
                    dev.ferry.runtime.model is the vocabulary every layer speaks (ids, states, statuses, requests, \
                    the exceptions the REST layer maps), so it must stand on its own. \
                    To fix: keep model types plain records, enums, exceptions and small interfaces; if one needs \
                    behaviour of a layer, leave the behaviour in that layer and pass plain values in, or move the \
                    type out of model into the lowest layer that uses it""");

    static final ArchRule EVERY_PACKAGE_HAS_A_PLACE = classes()
            .that().resideInAPackage(Layers.ROOT + "..")
            .should(beInAKnownLayer())
            .because("""
                    every top-level package of dev.ferry.runtime has a rank in the layering (%s). \
                    To fix: put the class into an existing package, or give the new package its rank in \
                    dev.ferry.runtime.architecture.Layers and in docs/ARCHITECTURE.md""".formatted(Layers.describe()));

    static final ArchRule LAYERS_USE_ONLY_LOWER_LAYERS = classes()
            .that().resideInAPackage(Layers.ROOT + "..")
            .should(useOnlyLowerLayers())
            .because("""
                    the layers of ferry-runtime are, bottom to top, %s: the control plane drives the record path, \
                    never the reverse, and peers stay independent (sub-packages belong to their top-level package)"""
                    .formatted(Layers.describe()));

    private static ArchCondition<JavaClass> beInAKnownLayer() {
        return new ArchCondition<>("be in a package that has a place in the layering") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Optional<String> layer = Layers.layerOf(javaClass.getPackageName());
                if (layer.isEmpty() || !Layers.known(layer.get())) {
                    events.add(SimpleConditionEvent.violated(javaClass, String.format(
                            "Class <%s> is in package %s, which has no place in the layering. Add the package to "
                                    + "Layers (ranks %s) or move the class into one of %s",
                            javaClass.getName(), javaClass.getPackageName(), Layers.describe(), Layers.all())));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> useOnlyLowerLayers() {
        return new ArchCondition<>("use only classes of their own layer or of lower layers") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Optional<String> from = Layers.layerOf(javaClass.getPackageName()).filter(Layers::known);
                if (from.isEmpty()) {
                    return; // reported by everyPackageHasAPlaceInTheLayering
                }
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    Optional<String> to = Layers.layerOf(dependency.getTargetClass().getPackageName())
                            .filter(Layers::known);
                    if (to.isPresent() && !Layers.mayUse(from.get(), to.get())) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                violation(dependency, from.get(), to.get())));
                    }
                }
            }
        };
    }

    private static String violation(Dependency dependency, String from, String to) {
        JavaClass target = dependency.getTargetClass();
        String where = Layers.above(to, from) ? "above it" : "beside it (a peer)";
        String fix;
        if (target.isRecord() || target.isEnum() || target.isAssignableTo(Throwable.class)) {
            fix = "move " + target.getSimpleName() + " (a shared value or exception) to dev.ferry.runtime.model, "
                    + "or into '" + from + "' if only the layers from '" + from + "' up use it";
        } else {
            fix = "pass a callback interface defined in '" + from + "' (or below), which '" + to
                    + "' implements, instead of using " + target.getSimpleName() + " directly; or, if this code "
                    + "is really " + to + "'s job, move it up into '" + to + "'";
        }
        return String.format("Layer '%s' must not use layer '%s', which is %s: %s. To fix: %s",
                from, to, where, dependency.getDescription(), fix);
    }
}
