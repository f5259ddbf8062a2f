package io.orikaeshi.kit.calendar;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.LocalDate;
import java.util.Locale;

/** Public holidays of a country. */
@FunctionalInterface
public interface Holidays {

    Holidays NONE = date -> false;

    boolean isHoliday(LocalDate date);

    /**
     * The public holidays of an ISO 3166 country, {@code "NONE"} for none. Japan ("JP", with its substitute holidays
     * 振替休日 and citizens' holidays 国民の休日) is computed by {@link JapaneseHolidays}; other countries come from
     * jollyday's data (jollyday caches its managers per country).
     */
    static Holidays ofCountry(String country) {
        if (country == null || country.isBlank() || "NONE".equalsIgnoreCase(country)) {
            return NONE;
        }
        if ("JP".equalsIgnoreCase(country.trim())) {
            return JapaneseHolidays.INSTANCE;
        }
        HolidayManager manager = HolidayManager.getInstance(
                ManagerParameters.create(country.trim().toLowerCase(Locale.ROOT)));
        return date -> manager.isHoliday(date, HolidayType.PUBLIC_HOLIDAY);
    }
}
