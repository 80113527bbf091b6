package org.evocnn.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * shared-model is plain Java: no messaging, framework or deep-learning library anywhere, and Jackson only in its
 * {@code json} package (the genome and message types carry no JSON annotations; their JSON form is mixed in there).
 */
class ArchitectureTest {

    private static final JavaClasses MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn.model");

    @Test
    void theModelIsImported() {
        assertThat(MODEL.size()).isGreaterThan(20);
    }

    @Test
    void noMessagingFrameworkOrDeepLearningLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "jakarta..", "javax.jms..", "io.quarkus..", "io.smallrye..", "io.vertx..", "io.micrometer..",
                "org.eclipse.microprofile..", "org.apache.activemq..", "org.deeplearning4j..", "org.nd4j..")
                .check(MODEL);
    }

    @Test
    void jacksonOnlyInTheJsonPackage() {
        noClasses().that().resideOutsideOfPackage("org.evocnn.model.json..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..")
                .check(MODEL);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.evocnn.model.(*)..").should().beFreeOfCycles().check(MODEL);
    }
}
