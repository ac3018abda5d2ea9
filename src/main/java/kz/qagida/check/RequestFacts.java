package kz.qagida.check;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import kz.qagida.check.CheckRequest.HistoryInput;
import kz.qagida.check.CheckRequest.HostInput;
import kz.qagida.check.CheckRequest.PersonInput;
import kz.qagida.check.CheckRequest.PlannedEntryInput;
import kz.qagida.check.CheckRequest.RequestsInput;
import kz.qagida.check.CheckRequest.ResidencePermitInput;
import kz.qagida.check.CheckRequest.RestrictionsInput;
import kz.qagida.check.CheckRequest.StayInput;
import kz.qagida.check.CheckRequest.TransitInput;
import kz.qagida.check.CheckRequest.VisaInput;
import kz.qagida.check.CheckRequest.WorkInput;
import kz.qagida.facts.input.Booking;
import kz.qagida.facts.input.Context;
import kz.qagida.facts.input.ForceMajeure;
import kz.qagida.facts.input.History;
import kz.qagida.facts.input.Host;
import kz.qagida.facts.input.PassportType;
import kz.qagida.facts.input.Person;
import kz.qagida.facts.input.Requests;
import kz.qagida.facts.input.ResidencePermit;
import kz.qagida.facts.input.Restrictions;
import kz.qagida.facts.input.Stay;
import kz.qagida.facts.input.StayBasis;
import kz.qagida.facts.input.Transit;
import kz.qagida.facts.input.Transport;
import kz.qagida.facts.input.Visa;
import kz.qagida.facts.input.Work;

/**
 * The one place where a (validated) {@link CheckRequest} becomes the facts the rules see
 * ({@code facts.input}): the API's records on one side, the rules' vocabulary on the other, so
 * either may change without the other.
 */
final class RequestFacts {

    private RequestFacts() {
    }

    /** Stays joined where one's exit is the next one's entry day. */
    private record Segment(int index, LocalDate entry, LocalDate exit, StayBasis basis, Transport transport) {
    }

    /**
     * The facts of a request whose fields have been checked, in the order the rules have always
     * seen them: the context, the stays and bookings, the person, then the optional parts.
     * {@code citizenship} is the person's, as ISO 3166 alpha-2.
     */
    static List<Object> facts(CheckRequest request, LocalDate asOf, String citizenship) {
        List<Object> facts = new ArrayList<>();
        facts.add(new Context(asOf));
        for (Segment s : continuous(request.stays())) {
            if (s.entry().isAfter(asOf)) {
                facts.add(new Booking(s.index(), s.entry(), s.exit(), s.basis(), s.transport()));
                continue;
            }
            LocalDate lastPresent = s.exit() == null || s.exit().isAfter(asOf) ? asOf : s.exit();
            boolean current = s.exit() == null || !s.exit().isBefore(asOf);
            facts.add(new Stay(s.index(), s.entry(), s.exit(), lastPresent, current, s.basis(), s.transport()));
        }
        facts.add(person(request.person(), citizenship));
        if (Boolean.TRUE.equals(request.forceMajeure())) {
            facts.add(new ForceMajeure());
        }
        for (Object part : new Object[] {visa(request.visa()), residencePermit(request.residencePermit()),
                host(request.host()), work(request.work()), transit(request.transit()), history(request.history()),
                restrictions(request.restrictions()), requests(request.requests())}) {
            if (part != null) {
                facts.add(part);
            }
        }
        return facts;
    }

    private static Person person(PersonInput p, String citizenship) {
        return new Person(citizenship, p.passportType() == null ? PassportType.ORDINARY : p.passportType(),
                p.birthDate(), p.passportExpiry(), Boolean.TRUE.equals(p.ethnicKazakh()));
    }

    private static Visa visa(VisaInput v) {
        return v == null ? null : new Visa(v.category(), v.entries(), v.issued(), v.validUntil(), v.electronic());
    }

    private static Host host(HostInput h) {
        return h == null ? null : new Host(h.kind(), h.size(), h.notifiedOn(), h.penaltiesLast12Months(),
                h.lastPenaltyOn(), h.residenceChangedOn(), h.residenceChangeNotifiedOn());
    }

    private static History history(HistoryInput h) {
        return h == null ? null : new History(h.expulsionDecisionOn(), h.lastOverstayPenaltyOn(), h.unservedPenalty(),
                h.unfiledTaxDeclaration(), h.offences(), h.expulsionGrounds(), h.expulsionLeaveBy(),
                h.preventiveRestrictionFrom());
    }

    private static Restrictions restrictions(RestrictionsInput r) {
        return r == null ? null : new Restrictions(r.criminalProceedings(), r.sentenceOrProbation(),
                r.evadingCourtObligations(), r.propertyObligations());
    }

    private static ResidencePermit residencePermit(ResidencePermitInput p) {
        return p == null ? null : new ResidencePermit(p.issued(), p.validUntil(), p.purpose());
    }

    private static Work work(WorkInput w) {
        return w == null ? null : new Work(w.employed(), w.workPermit());
    }

    private static Transit transit(TransitInput t) {
        return t == null ? null : new Transit(t.onwardDocument());
    }

    private static Requests requests(RequestsInput r) {
        if (r == null) {
            return null;
        }
        PlannedEntryInput e = r.plannedEntry();
        return new Requests(r.visaCategoryChangeTo(), r.stateServices(),
                e == null ? null : new Requests.PlannedEntry(e.date(), e.days(), e.transport()), r.documentFor(),
                r.migrationCardLostOn());
    }

    /**
     * The stays in date order, an exit and an entry on the same day joined into one continuous
     * presence (api/CONTRACT.md): the day counts once and the stay runs from the first entry to the
     * last exit, on the basis and transport of its latest entry.
     */
    private static List<Segment> continuous(List<StayInput> stays) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < stays.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> stays.get(i).entry()).thenComparing(i -> i));
        List<Segment> out = new ArrayList<>();
        for (int i : order) {
            StayInput s = stays.get(i);
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.exit() != null && last.exit().equals(s.entry())) {
                out.set(out.size() - 1, new Segment(last.index(), last.entry(), s.exit(),
                        s.basis() != null ? s.basis() : last.basis(), s.transport() != null ? s.transport() : last.transport()));
            } else {
                out.add(new Segment(i, s.entry(), s.exit(), s.basis(), s.transport()));
            }
        }
        return out;
    }
}
