package org.evocnn.tools;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools depend on the product, never the reverse: no production class (model, engine, JMS client, services) uses a
 * tool, the launcher or a test fixture. This module is the one that sees all of them on its classpath.
 */
class ArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn");

    @Test
    void everyModuleIsImported() {
        assertThat(ALL.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("model", "engine", "jms", "evolution", "evaluator", "launcher", "fixtures", "tools");
    }

    @Test
    void productionClassesUseNoToolLauncherOrFixture() {
        noClasses().that().resideInAnyPackage("org.evocnn.model..", "org.evocnn.engine..", "org.evocnn.jms..",
                        "org.evocnn.evolution..", "org.evocnn.evaluator..")
                .should().dependOnClassesThat().resideInAnyPackage("org.evocnn.tools..", "org.evocnn.launcher..",
                        "org.evocnn.fixtures..")
                .check(ALL);
    }

    @Test
    void theToolsHaveNoPackageCycles() {
        slices().matching("org.evocnn.tools.(*)..").should().beFreeOfCycles().check(ALL);
    }
}
