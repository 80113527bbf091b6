package org.evocnn.tools;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools depend on the product's libraries, never the reverse, and never on a service application: no library class
 * (model, engine, JMS client, training) uses a tool, the launcher or a test fixture, and the service applications are
 * not on the tools' classpath at all (they start them as processes, through the launcher). Commands use picocli.
 */
class ArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn");

    @Test
    void everyModuleIsImported() {
        assertThat(ALL.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("model", "engine", "jms", "training", "launcher", "fixtures", "tools")
                .as("the service applications are not on the classpath").doesNotContain("evolution", "evaluator");
    }

    @Test
    void productionClassesUseNoToolLauncherOrFixture() {
        noClasses().that().resideInAnyPackage("org.evocnn.model..", "org.evocnn.engine..", "org.evocnn.jms..",
                        "org.evocnn.training..")
                .should().dependOnClassesThat().resideInAnyPackage("org.evocnn.tools..", "org.evocnn.launcher..",
                        "org.evocnn.fixtures..")
                .check(ALL);
    }

    @Test
    void jmsStaysInJmsPackages() {
        noClasses().that().resideOutsideOfPackages("..jms..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.jms..").check(ALL);
    }

    @Test
    void theToolsHaveNoPackageCycles() {
        slices().matching("org.evocnn.tools.(*)..").should().beFreeOfCycles().check(ALL);
    }
}
