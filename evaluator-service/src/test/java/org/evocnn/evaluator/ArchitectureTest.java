package org.evocnn.evaluator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator's packages form no cycle, and only its jms package speaks JMS. */
class ArchitectureTest {

    private static final JavaClasses EVALUATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn.evaluator");

    @Test
    void theEvaluatorIsImported() {
        assertThat(EVALUATOR.size()).isGreaterThan(15);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.evocnn.evaluator.(*)..").should().beFreeOfCycles().check(EVALUATOR);
    }

    @Test
    void jmsStaysInTheJmsPackage() {
        noClasses().that().resideOutsideOfPackage("org.evocnn.evaluator.jms..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.jms..", "org.apache.activemq..").check(EVALUATOR);
    }
}
