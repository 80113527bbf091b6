package org.evocnn.evolution;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's layers: REST reads the runs and never the reverse; runs know no JMS (requests leave through the
 * {@code RequestSender} port the jms package implements); the journal and the spec know nothing of the runs.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn.evolution");

    @Test
    void theServiceIsImported() {
        assertThat(SERVICE.size()).isGreaterThan(30);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.evocnn.evolution.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void restDependsOnTheRunsNeverTheReverse() {
        noClasses().that().resideOutsideOfPackage("org.evocnn.evolution.rest..")
                .should().dependOnClassesThat().resideInAPackage("org.evocnn.evolution.rest..")
                .check(SERVICE);
    }

    @Test
    void runsKnowNoMessagingAndJournalAndSpecKnowNoRuns() {
        noClasses().that().resideInAPackage("org.evocnn.evolution.run..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.jms..", "org.apache.activemq..",
                        "org.evocnn.evolution.jms..", "org.evocnn.evolution.rest..")
                .check(SERVICE);
        noClasses().that().resideInAnyPackage("org.evocnn.evolution.journal..")
                .should().dependOnClassesThat().resideInAPackage("org.evocnn.evolution.run..")
                .check(SERVICE);
    }

    @Test
    void jmsStaysInTheJmsPackage() {
        noClasses().that().resideOutsideOfPackage("org.evocnn.evolution.jms..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.jms..").check(SERVICE);
    }

    @Test
    void dl4jIsReachedOnlyThroughTheTrainingModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(SERVICE);
    }

    @Test
    void noToolOrBenchmarkClassShipsInTheService() {
        assertThat(SERVICE.stream().map(c -> c.getPackageName()))
                .noneMatch(p -> p.contains(".cli") || p.contains(".bench") || p.startsWith("org.evocnn.tools"));
    }
}
