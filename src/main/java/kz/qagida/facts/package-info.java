/**
 * The vocabulary rules reason over, one sub-package per area of {@code rules-drl/}: {@code input}
 * holds what the caller gives; a {@code *Row} is a decision-table row that matched; the rest are
 * facts rules derive. An open module: the rules (DRL and tables) and the check read every area.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package kz.qagida.facts;

import org.springframework.modulith.ApplicationModule;
