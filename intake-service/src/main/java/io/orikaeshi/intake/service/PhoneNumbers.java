package io.orikaeshi.intake.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Reads what an operator typed ("03-1234-5678") the way a caller in the tenant's country means it. */
@ApplicationScoped
public class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** @return the number in E.164, or empty when it is not a valid number for the region */
    public Optional<String> toE164(String typed, String region) {
        try {
            Phonenumber.PhoneNumber number = util.parse(typed, region);
            return util.isValidNumber(number)
                    ? Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
