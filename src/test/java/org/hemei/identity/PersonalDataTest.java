package org.hemei.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void masksMobileNumbersKeepingPrefixAndLastFour() {
        assertEquals("138****1234", PersonalData.maskPhone("13812341234"));
        assertEquals("138****1234", PersonalData.maskPhone(" 13812341234 "));
    }

    @Test
    void masksShortNumbersKeepingOnlyTheLastTwoDigits() {
        assertEquals("*****67", PersonalData.maskPhone("1234567"));
        assertEquals("**", PersonalData.maskPhone("12"));
    }

    @Test
    void masksNamesKeepingTheFirstCharacter() {
        assertEquals("张**", PersonalData.maskName("张三丰"));
        assertEquals("李*", PersonalData.maskName("李四"));
        assertEquals("王*", PersonalData.maskName("王"), "a one-character name still hides something");
        assertEquals("J***", PersonalData.maskName("John"));
        assertEquals("𠀀*", PersonalData.maskName("𠀀明"), "characters outside the BMP are not split");
    }

    @Test
    void leavesMissingValuesAlone() {
        assertNull(PersonalData.maskPhone(null));
        assertNull(PersonalData.maskName(null));
        assertEquals("", PersonalData.maskName(""));
    }
}
