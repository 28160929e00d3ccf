package org.hemei.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommunityProfileTest {

    @Test
    void targetsAreTheProgrammesFigures() {
        assertEquals(18, CommunityProfile.TARGET_WORKERS_PER_10K);
        assertEquals(1_300_000, CommunityProfile.TARGET_FUNDS_YUAN);
        assertEquals(986, CommunityProfile.TARGET_SPACE_M2);
    }

    @Test
    void workersPer10kIsWorkersTimes10000OverPopulation() {
        CommunityProfile p = new CommunityProfile("430102001001", 12_000, 21, 1_300_000, 986, true);
        assertEquals(17.5, p.workersPer10k(), 1e-9);
        assertFalse(p.meetsWorkerTarget(), "17.5 < 18");
        assertTrue(p.meetsFundsTarget(), "exactly 1.3M yuan meets the target");
        assertTrue(p.meetsSpaceTarget(), "exactly 986 m² meets the target");
    }

    @Test
    void exactlyEighteenPer10kMeetsTheWorkerTarget() {
        CommunityProfile p = new CommunityProfile("430102001001", 10_000, 18, 1_299_999, 985, false);
        assertEquals(18.0, p.workersPer10k(), 1e-9);
        assertTrue(p.meetsWorkerTarget());
        assertFalse(p.meetsFundsTarget());
        assertFalse(p.meetsSpaceTarget());
    }

    @Test
    void noPopulationMeansNoRatioAndNoTargetMet() {
        CommunityProfile p = new CommunityProfile("430102001001", 0, 5, 0, 0, false);
        assertNull(p.workersPer10k());
        assertFalse(p.meetsWorkerTarget());
    }

    @Test
    void negativeFiguresAreRefusedAndLeaveTheProfileUnchanged() {
        CommunityProfile p = new CommunityProfile("430102001001", 10_000, 20, 1_000_000, 900, true);
        assertTrue(p.isSynthetic());
        assertThrows(IllegalArgumentException.class, () -> p.change(-1, 20, 1_000_000, 900));
        assertThrows(IllegalArgumentException.class, () -> p.change(10_000, -1, 1_000_000, 900));
        assertThrows(IllegalArgumentException.class, () -> p.change(10_000, 20, -1, 900));
        assertThrows(IllegalArgumentException.class, () -> p.change(10_000, 20, 1_000_000, -1));
        assertThrows(IllegalArgumentException.class, () -> new CommunityProfile("430102001001", -5, 0, 0, 0, false));
        assertEquals(10_000, p.getResidentPopulation());
        assertTrue(p.isSynthetic(), "a refused change does not count as a person's edit");
        p.change(10_000, 20, 1_000_000, 900);
        assertFalse(p.isSynthetic(), "a person-entered profile is no longer synthetic");
    }
}
