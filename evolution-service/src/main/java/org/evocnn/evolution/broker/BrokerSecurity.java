package org.evocnn.evolution.broker;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The deployed broker's security for the embedded one: the per-role permissions and management RBAC of k8s's
 * broker.xml (packaged with the service as {@code evocnn-broker/broker.xml}) and users and roles from files in the
 * formats the Artemis image's login module reads.
 */
final class BrokerSecurity {

    static final String BROKER_XML = "evocnn-broker/broker.xml";
    static final String ROLES = "evocnn-broker/artemis-roles.properties";

    private BrokerSecurity() {
    }

    static void apply(Configuration configuration, EmbeddedActiveMQ broker, Path usersFile, Optional<Path> rolesFile)
            throws Exception {
        Configuration deployed;
        try (InputStream xml = resource(BROKER_XML)) {
            deployed = new FileConfigurationParser().parseMainConfig(xml);
        }
        configuration.setSecurityEnabled(true).setSecurityRoles(deployed.getSecurityRoles())
                .setManagementMessageRbac(deployed.isManagementMessageRbac());
        Properties users = load(Files.newInputStream(usersFile), usersFile.toString());
        Properties roles = rolesFile.isPresent() ? load(Files.newInputStream(rolesFile.get()), rolesFile.get().toString())
                : load(resource(ROLES), ROLES);
        SecurityConfiguration security = new SecurityConfiguration();
        for (String user : users.stringPropertyNames()) {
            security.addUser(user, users.getProperty(user).strip());
        }
        for (String role : roles.stringPropertyNames()) {
            for (String user : roles.getProperty(role).split(",")) {
                if (!user.isBlank()) {
                    security.addRole(user.strip(), role);
                }
            }
        }
        broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), security));
    }

    private static InputStream resource(String name) {
        InputStream in = BrokerSecurity.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the service's jar");
        }
        return in;
    }

    private static Properties load(InputStream in, String what) {
        try (in) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": " + e.getMessage(), e);
        }
    }
}
