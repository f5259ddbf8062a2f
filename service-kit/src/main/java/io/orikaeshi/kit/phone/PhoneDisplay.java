package io.orikaeshi.kit.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.regex.Pattern;

/**
 * A stored E.164 number as people of the tenant's country write it: "+81312345678" reads "03-1234-5678" for a JP
 * tenant; a number of another country keeps its international form ("+1 212-555-0100"). E.164 stays what is stored
 * and what a {@code tel:} link dials.
 */
public final class PhoneDisplay {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneDisplay() {
    }

    /** @return the number for display, or {@code e164} unchanged when it cannot be read (never fails) */
    public static String forRegion(String e164, String region) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            // Only what intake stored is reformatted; anything else is shown exactly as it came.
            return e164;
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(e164, region);
            PhoneNumberUtil.PhoneNumberFormat format = region != null
                    && region.equalsIgnoreCase(UTIL.getRegionCodeForNumber(number))
                            ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
                            : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL;
            return UTIL.format(number, format);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
