package kz.qagida.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import kz.qagida.facts.reference.CalendarYearRow;
import kz.qagida.law.Countries;
import kz.qagida.law.Money;
import kz.qagida.law.Penalty;
import kz.qagida.law.RuleInfo;

/** Lints the data of the money, calendar, penalty, fee and legalisation tables: every datum checked. */
class MoneyCalendarAndPenaltyTablesTests {

    private static List<RuleInfo> rows(String file) {
        List<RuleInfo> rows = TestRules.ruleBase().catalog().stream().filter(r -> r.file().equals(file)).toList();
        assertThat(rows).as(file).isNotEmpty();
        return rows;
    }

    @Test
    void theMrpTableCoversEveryDayFrom2015To2026OnceAndSays2017IsUnknown() {
        List<RuleInfo> rows = new ArrayList<>(rows("decision-tables/reference/mrp.drl.xlsx"));
        rows.sort(Comparator.comparing(r -> r.validity().from()));
        assertThat(rows.get(0).validity().from()).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThat(rows.get(rows.size() - 1).validity().to()).isEqualTo(LocalDate.of(2026, 12, 31));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).validity().from()).as(rows.get(i).name())
                    .isEqualTo(rows.get(i - 1).validity().to().plusDays(1));
        }
        for (RuleInfo r : rows) {
            String tenge = r.params().get("tenge");
            if (r.validity().from().getYear() == 2017) {
                assertThat(tenge).as("2017 is unknown (FACTS): no value may be guessed").isNull();
                assertThat(r.note()).contains("UNKNOWN");
            } else {
                assertThat(Integer.parseInt(tenge)).as(r.name()).isBetween(1000, 10000);
            }
        }
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.validity().from()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(r.params().get("tenge")).isEqualTo("3692");
        });
    }

    @Test
    void theCalendarHasOneRowPerYearWithItsOwnDatesAndWorkedDaysOnWeekends() {
        Set<Integer> years = new java.util.TreeSet<>();
        for (RuleInfo r : rows("decision-tables/reference/non-working-days.drl.xlsx")) {
            CalendarYearRow y = CalendarYearRow.of(r);
            assertThat(years.add(y.year().year())).as("one row per year: " + r.name()).isTrue();
            assertThat(r.name()).endsWith(String.valueOf(y.year().year()));
            assertThat(y.year().nonWorking()).as(r.name()).hasSizeGreaterThanOrEqualTo(10);
            for (LocalDate d : y.year().working()) {
                assertThat(d.getDayOfWeek()).as(r.name() + ": a worked day is a weekend day").isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
            assertThat(y.year().nonWorking()).as("New Year and Independence Day").contains(
                    LocalDate.of(y.year().year(), 1, 1), LocalDate.of(y.year().year(), 12, 16));
        }
        assertThat(years).containsExactly(2024, 2025, 2026);
    }

    @Test
    void everyPenaltyRowStatesAKnownKindAnAmountForFinesAndAKoapArticle() {
        List<RuleInfo> rows = TestRules.ruleBase().catalog().stream().filter(r -> r.params().containsKey("penaltyKind")).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4 + 1 + 1 + 8);
        for (RuleInfo r : rows) {
            Penalty p = Penalty.of(r, 3692);
            assertThat(p.article()).as(r.name()).isNotNull();
            if (p.kind() == Penalty.Kind.FINE) {
                assertThat(p.mrp()).as(r.name()).isPositive();
            } else {
                assertThat(p.mrp()).as(r.name()).isNull();
            }
        }
    }

    @Test
    void everyFeeIsInMrpOrInDollarsNotBoth() {
        for (RuleInfo r : rows("decision-tables/visa/state-fees.drl.xlsx")) {
            boolean mrp = r.params().get("mrp") != null;
            boolean usd = r.params().get("usd") != null;
            assertThat(mrp ^ usd).as(r.name()).isTrue();
            if (mrp) {
                assertThat(Money.mrp(r.params().get("mrp"))).as(r.name()).isPositive();
            }
        }
    }

    @Test
    void everyLegalisationRowNamesAKnownCountryOnceAndAMethod() {
        Set<String> seen = new java.util.HashSet<>();
        for (RuleInfo r : rows("decision-tables/visa/legalisation.drl.xlsx")) {
            String iso = r.name().split(" ")[1];
            assertThat(Countries.alpha2(iso)).as(r.name()).contains(iso);
            assertThat(seen.add(iso)).as("one row per country: " + r.name()).isTrue();
            assertThat(r.params().get("method")).as(r.name()).isIn("APOSTILLE", "CONSULAR");
            assertThat(r.citations()).as(r.name()).anySatisfy(c -> assertThat(c.act()).isEqualTo("HAGUE_1961"));
        }
    }
}
