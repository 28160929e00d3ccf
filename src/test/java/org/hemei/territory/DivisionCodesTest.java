package org.hemei.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DivisionCodesTest {

    @Test
    void levelFollowsTheLengthOfTheCode() {
        assertEquals(Level.CITY, Level.ofCode("430100"));
        assertEquals(Level.DISTRICT, Level.ofCode("430102"));
        assertEquals(Level.DISTRICT, Level.ofCode("430181"));
        assertEquals(Level.STREET, Level.ofCode("430102001"));
        assertEquals(Level.COMMUNITY, Level.ofCode("430102001001"));
        assertEquals(Level.GRID, Level.ofCode("430102001001001"));
        assertThrows(IllegalArgumentException.class, () -> Level.ofCode("4301"));
        assertThrows(IllegalArgumentException.class, () -> Level.ofCode(""));
        assertEquals("community", Level.COMMUNITY.apiName());
    }

    @Test
    void parentIsDerivedFromTheCode() {
        assertNull(Division.parentOf("430100"));
        assertEquals("430100", Division.parentOf("430102"));
        assertEquals("430100", Division.parentOf("430181"));
        assertEquals("430102", Division.parentOf("430102001"));
        assertEquals("430102001", Division.parentOf("430102001001"));
        assertEquals("430102001001", Division.parentOf("430102001001001"));
    }
}
