package io.orikaeshi.kit.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JapaneseHolidaysTest {

    private static Set<LocalDate> dates(String... isoDates) {
        return Stream.of(isoDates).map(LocalDate::parse).collect(Collectors.toSet());
    }

    @Test
    void holidaysOf2026MatchTheCabinetOfficeList() {
        // 内閣府「国民の祝日について」, 令和8年: includes 振替休日 5/6 and 国民の休日 9/22.
        assertEquals(dates("2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29",
                "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11",
                "2026-09-21", "2026-09-22", "2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23"),
                JapaneseHolidays.INSTANCE.of(2026));
    }

    @Test
    void holidaysOf2025IncludeTheSubstituteMondays() {
        // 2025: 2/23 (Sun) -> 2/24, 5/6 for 5/4 (Sun), 11/24 for 11/23 (Sun), 9/15 and 9/23 without a bridge day.
        Set<LocalDate> holidays = JapaneseHolidays.INSTANCE.of(2025);
        assertTrue(holidays.containsAll(dates("2025-02-24", "2025-05-06", "2025-11-24", "2025-03-20", "2025-09-23")));
        assertEquals(19, holidays.size());
    }

    @Test
    void oneOffDaysOf2021AreHonoured() {
        // Olympics: 山の日 on Sunday 8 August, substituted on Monday 9 August; 海の日 and スポーツの日 moved.
        assertTrue(JapaneseHolidays.INSTANCE.of(2021).containsAll(
                dates("2021-07-22", "2021-07-23", "2021-08-08", "2021-08-09")));
        assertTrue(!JapaneseHolidays.INSTANCE.isHoliday(LocalDate.parse("2021-10-11")));
    }

    /** The oracle: the official list (see the file's header), one "date,name" line per holiday. */
    private static final Map<Integer, Set<LocalDate>> OFFICIAL = official();

    private static Map<Integer, Set<LocalDate>> official() {
        Map<Integer, Set<LocalDate>> byYear = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                JapaneseHolidaysTest.class.getResourceAsStream("/japanese-holidays-2000-2035.csv"),
                StandardCharsets.UTF_8))) {
            in.lines().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("date,"))
                    .map(line -> LocalDate.parse(line.substring(0, line.indexOf(','))))
                    .forEach(date -> byYear.computeIfAbsent(date.getYear(), y -> new TreeSet<>()).add(date));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return byYear;
    }

    static IntStream years() {
        return IntStream.rangeClosed(2000, 2035);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void everyYearFrom2000To2035MatchesTheOfficialList(int year) {
        assertEquals(new TreeSet<>(OFFICIAL.get(year)), new TreeSet<>(JapaneseHolidays.INSTANCE.of(year)));
    }

    @Test
    void holidaysOf2019KeepTheRegularDaysBesideTheAbdicationAndEnthronementDays() {
        assertTrue(JapaneseHolidays.INSTANCE.of(2019).containsAll(dates("2019-04-30", "2019-05-01", "2019-05-02",
                "2019-07-15", "2019-08-11", "2019-08-12", "2019-10-14", "2019-10-22")));
    }
}
