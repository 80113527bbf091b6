package org.evocnn.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine is plain Java: the JDK and shared-model's genome and analysis vocabulary, nothing else. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.evocnn.engine");

    @Test
    void theEngineIsImported() {
        assertThat(ENGINE.size()).isGreaterThan(20);
    }

    @Test
    void theEngineDependsOnNoMessagingFrameworkDeepLearningOrJsonLibrary() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "jakarta..", "javax.jms..", "io.quarkus..", "io.smallrye..", "io.vertx..", "io.micrometer..",
                "org.eclipse.microprofile..", "org.apache.activemq..", "org.deeplearning4j..", "org.nd4j..",
                "com.fasterxml..");
        rule.check(ENGINE);
    }

    @Test
    void theEngineSeesTheModelButNotItsMessagesOrItsJson() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.evocnn.model.message..",
                "org.evocnn.model.json..").check(ENGINE);
    }

    @Test
    void theEngineHasNoPackageCycles() {
        slices().matching("org.evocnn.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }
}
