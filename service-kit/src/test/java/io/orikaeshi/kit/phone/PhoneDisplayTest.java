package io.orikaeshi.kit.phone;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhoneDisplayTest {

    @Test
    void aNumberOfTheTenantsCountryIsShownInItsNationalFormat() {
        assertEquals("03-1234-5678", PhoneDisplay.forRegion("+81312345678", "JP"));
        assertEquals("090-1234-5678", PhoneDisplay.forRegion("+819012345678", "JP"));
        assertEquals("(212) 555-0100", PhoneDisplay.forRegion("+12125550100", "US"));
    }

    @Test
    void aForeignNumberKeepsItsInternationalFormAndGarbageIsLeftAsItIs() {
        assertEquals("+1 212-555-0100", PhoneDisplay.forRegion("+12125550100", "JP"));
        assertEquals("not a number", PhoneDisplay.forRegion("not a number", "JP"));
        assertEquals(null, PhoneDisplay.forRegion(null, "JP"));
    }
}
