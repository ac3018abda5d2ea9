package kz.qagida.rules;

import java.util.Optional;

/** Rule bases by version: the one repository that rollback, replay, impact and the follower share. */
public interface RuleBaseRepository {

    /**
     * The rule base of a stored version, built from its stored files (or a kept copy).
     *
     * @return empty when no such version is stored
     * @throws RuleLoadException when the stored files no longer compile with this build
     */
    Optional<RuleBase> find(String version);
}
