package io.orikaeshi.kit.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese national holidays under the 国民の祝日に関する法律, computed by its rules: fixed days, Happy Monday days,
 * the equinoxes, 振替休日 (a holiday on a Sunday moves to the next day that is no holiday) and 国民の休日 (a day
 * between two holidays). Jollyday 2.19's Japanese data lacks the equinoxes, most substitute days and the citizens'
 * holidays, and still has the Emperor's Birthday on 23 December, so Japan is computed here.
 *
 * <p>Accurate from 2000 (Happy Monday for 成人の日 and 体育の日) to 2099 (the range of the equinox approximation used
 * by the Cabinet Office's announcements), with the rules as they stood each year (海の日 and 敬老の日 fixed until 2002,
 * みどりの日 on 29 April and a Sunday holiday moved to the next day only until 2006) and the one-off days of 2019 to
 * 2021. Checked against the official list, year by year, in JapaneseHolidaysTest.
 */
final class JapaneseHolidays implements Holidays {

    static final JapaneseHolidays INSTANCE = new JapaneseHolidays();

    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private JapaneseHolidays() {
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    Set<LocalDate> of(int year) {
        return byYear.computeIfAbsent(year, JapaneseHolidays::compute);
    }

    private static Set<LocalDate> compute(int year) {
        TreeSet<LocalDate> holidays = new TreeSet<>(statutory(year));
        TreeSet<LocalDate> extra = new TreeSet<>();
        for (LocalDate holiday : holidays) {
            if (holiday.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate substitute = holiday.plusDays(1);
                while (year >= 2007 && holidays.contains(substitute)) {
                    substitute = substitute.plusDays(1);
                }
                extra.add(substitute);
            }
            LocalDate between = holiday.plusDays(1);
            if (!holidays.contains(between) && holidays.contains(between.plusDays(1))
                    && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                extra.add(between);
            }
        }
        holidays.addAll(extra);
        return Set.copyOf(holidays);
    }

    private static Set<LocalDate> statutory(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, 1, 1));
        days.add(nthMonday(year, Month.JANUARY, 2)); // 成人の日
        days.add(LocalDate.of(year, 2, 11)); // 建国記念の日
        if (year >= 2020) {
            days.add(LocalDate.of(year, 2, 23)); // 天皇誕生日
        } else if (year <= 2018) {
            days.add(LocalDate.of(year, 12, 23));
        }
        days.add(LocalDate.of(year, 3, equinoxDay(year, 20.8431))); // 春分の日
        days.add(LocalDate.of(year, 4, 29)); // 昭和の日 (みどりの日 until 2006)
        days.add(LocalDate.of(year, 5, 3)); // 憲法記念日
        if (year >= 2007) {
            days.add(LocalDate.of(year, 5, 4)); // みどりの日 (until 2006 a citizens' holiday, between two holidays)
        }
        days.add(LocalDate.of(year, 5, 5)); // こどもの日
        days.add(year <= 2002 ? LocalDate.of(year, 9, 15) : nthMonday(year, Month.SEPTEMBER, 3)); // 敬老の日
        days.add(LocalDate.of(year, 9, equinoxDay(year, 23.2488))); // 秋分の日
        days.add(LocalDate.of(year, 11, 3)); // 文化の日
        days.add(LocalDate.of(year, 11, 23)); // 勤労感謝の日
        // The Olympic years moved 海の日, スポーツの日 and 山の日 by special law; every other year has them by the rules.
        switch (year) {
            case 2020 -> {
                days.add(LocalDate.of(2020, 7, 23)); // 海の日
                days.add(LocalDate.of(2020, 7, 24)); // スポーツの日
                days.add(LocalDate.of(2020, 8, 10)); // 山の日
            }
            case 2021 -> {
                days.add(LocalDate.of(2021, 7, 22));
                days.add(LocalDate.of(2021, 7, 23));
                days.add(LocalDate.of(2021, 8, 8));
            }
            default -> {
                days.add(year <= 2002 ? LocalDate.of(year, 7, 20) : nthMonday(year, Month.JULY, 3)); // 海の日
                days.add(nthMonday(year, Month.OCTOBER, 2)); // スポーツの日 (体育の日 before 2020)
                if (year >= 2016) {
                    days.add(LocalDate.of(year, 8, 11)); // 山の日
                }
            }
        }
        if (year == 2019) {
            days.add(LocalDate.of(2019, 5, 1)); // 即位の日 (makes 30 April and 2 May citizens' holidays)
            days.add(LocalDate.of(2019, 10, 22)); // 即位礼正殿の儀
        }
        return days;
    }

    /** The Cabinet Office's approximation of the equinox day, valid 1980-2099. */
    private static int equinoxDay(int year, double base) {
        int sinceEpoch = year - 1980;
        return (int) Math.floor(base + 0.242194 * sinceEpoch - Math.floor(sinceEpoch / 4.0));
    }

    private static LocalDate nthMonday(int year, Month month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
