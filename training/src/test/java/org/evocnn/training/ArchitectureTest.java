package org.evocnn.training;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** Training, data and simulation know nothing of messaging, Quarkus or the engine; their packages form no cycle. */
class ArchitectureTest {

    private static final JavaClasses TRAINING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn.training");

    @Test
    void theModuleIsImported() {
        assertThat(TRAINING.size()).isGreaterThan(10);
    }

    @Test
    void freeOfMessagingFrameworkAndEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.jms..", "org.apache.activemq..",
                "io.quarkus..", "jakarta.enterprise..", "jakarta.inject..", "org.evocnn.engine..")
                .check(TRAINING);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.evocnn.training.(*)..").should().beFreeOfCycles().check(TRAINING);
    }
}
