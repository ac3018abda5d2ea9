package kz.qagida;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The top-level packages are modules: no cycles between them, and a module uses only another's API
 * (the public types of its top package; {@code facts} is open). Writes the module documentation
 * (component diagrams and one canvas per module) into {@code docs/modules/}.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(QagidaApplication.class);

    @Test
    void modulesUseOnlyEachOthersApiAndFormNoCycle() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeDocumentation();
    }
}
