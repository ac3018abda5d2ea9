package kz.qagida.facts.host;

import kz.qagida.facts.input.Host;
import kz.qagida.law.RuleInfo;

/**
 * A row of the HO-5 table that holds for the host: its invitation applications are not considered,
 * for {@code reason}. A rule in host/invitations.drl concludes from it.
 */
public record InvitationRefusalRow(RuleInfo row, Host host, String reason) {
}
