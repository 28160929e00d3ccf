package org.hemei.territory;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A community's resources, measured against the programme's targets: 18 community workers per 10,000
 * residents, operating funds of 1.3 million yuan a year, 986 m² of service space.
 */
@Table("community_profile")
public class CommunityProfile {

    public static final double TARGET_WORKERS_PER_10K = 18;
    public static final long TARGET_FUNDS_YUAN = 1_300_000;
    public static final int TARGET_SPACE_M2 = 986;

    @Id
    private String communityCode;
    @Version
    private Integer version;
    private int residentPopulation;
    private int communityWorkers;
    private long operatingFundsYuan;
    private int serviceSpaceM2;
    private boolean synthetic;
    private Instant updatedAt;

    protected CommunityProfile() {
    }

    public CommunityProfile(String communityCode, int residentPopulation, int communityWorkers, long operatingFundsYuan,
            int serviceSpaceM2, boolean synthetic) {
        this.communityCode = communityCode;
        change(residentPopulation, communityWorkers, operatingFundsYuan, serviceSpaceM2);
        this.synthetic = synthetic;
    }

    /** Refuses impossible figures; a person-entered profile is no longer synthetic. */
    public void change(int population, int workers, long funds, int space) {
        if (population < 0 || workers < 0 || funds < 0 || space < 0) {
            throw new IllegalArgumentException("负数无效 / figures cannot be negative");
        }
        this.residentPopulation = population;
        this.communityWorkers = workers;
        this.operatingFundsYuan = funds;
        this.serviceSpaceM2 = space;
        this.synthetic = false;
        this.updatedAt = Instant.now();
    }

    public Double workersPer10k() {
        return residentPopulation == 0 ? null : communityWorkers * 10_000.0 / residentPopulation;
    }

    public boolean meetsWorkerTarget() {
        Double ratio = workersPer10k();
        return ratio != null && ratio >= TARGET_WORKERS_PER_10K;
    }

    public boolean meetsFundsTarget() {
        return operatingFundsYuan >= TARGET_FUNDS_YUAN;
    }

    public boolean meetsSpaceTarget() {
        return serviceSpaceM2 >= TARGET_SPACE_M2;
    }

    public String getCommunityCode() {
        return communityCode;
    }

    public Integer getVersion() {
        return version;
    }

    public int getResidentPopulation() {
        return residentPopulation;
    }

    public int getCommunityWorkers() {
        return communityWorkers;
    }

    public long getOperatingFundsYuan() {
        return operatingFundsYuan;
    }

    public int getServiceSpaceM2() {
        return serviceSpaceM2;
    }

    public boolean isSynthetic() {
        return synthetic;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
