package org.hemei.territory;

import java.util.Optional;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.shared.DomainException;
import org.hemei.territory.internal.CommunityProfileRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Community profiles and their roll-up along the tree, read and changed within the caller's scope. */
@Service
public class CommunityProfiles {

    /** Figures for a community, street, district or the city, with the ratios against the targets. */
    public record Rollup(String code, String name, String level, int communities, int profiled, long population,
            long workers, Double workersPer10k, Long averageFundsYuan, Long averageSpaceM2, int meetingWorkerTarget,
            int meetingFundsTarget, int meetingSpaceTarget, boolean synthetic) {

        @com.fasterxml.jackson.annotation.JsonProperty
        public double targetWorkersPer10k() {
            return CommunityProfile.TARGET_WORKERS_PER_10K;
        }

        @com.fasterxml.jackson.annotation.JsonProperty
        public long targetFundsYuan() {
            return CommunityProfile.TARGET_FUNDS_YUAN;
        }

        @com.fasterxml.jackson.annotation.JsonProperty
        public int targetSpaceM2() {
            return CommunityProfile.TARGET_SPACE_M2;
        }
    }

    public record ProfileChange(int residentPopulation, int communityWorkers, long operatingFundsYuan, int serviceSpaceM2,
            Integer version) {
    }

    private final CommunityProfileRepository profiles;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    CommunityProfiles(CommunityProfileRepository profiles, Territory territory, JdbcClient jdbc, AuditLog audit) {
        this.profiles = profiles;
        this.territory = territory;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Optional<CommunityProfile> find(String communityCode) {
        Actor.current().requireReads(communityCode);
        return profiles.findById(communityCode);
    }

    /** Community staff edit their own community; street staff their street's; admins any. */
    @Transactional
    public CommunityProfile change(String communityCode, ProfileChange change) {
        Division community = territory.get(communityCode);
        if (community.level() != Level.COMMUNITY) {
            throw DomainException.badRequest("只有社区/村有概况 / only communities and villages have profiles: " + communityCode);
        }
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !(actor.has(Role.UNIT_STAFF) && actor.covers(communityCode))) {
            throw new AccessDeniedException("cannot edit profile of " + communityCode);
        }
        CommunityProfile profile = profiles.findById(communityCode).orElse(null);
        String before = profile == null ? "—" : figures(profile);
        try {
            if (profile == null) {
                profile = new CommunityProfile(communityCode, change.residentPopulation(), change.communityWorkers(),
                        change.operatingFundsYuan(), change.serviceSpaceM2(), false);
            } else {
                DomainException.requireVersion(change.version()); // figures already entered are not overwritten unseen
                if (!change.version().equals(profile.getVersion())) {
                    throw new OptimisticLockingFailureException("profile " + communityCode + " changed");
                }
                profile.change(change.residentPopulation(), change.communityWorkers(), change.operatingFundsYuan(),
                        change.serviceSpaceM2());
            }
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(e.getMessage());
        }
        profile = profiles.save(profile);
        audit.record("PROFILE_CHANGED", "community:" + communityCode + " " + community.name(), before + " → " + figures(profile));
        return profile;
    }

    /** The figures as the audit log shows them: what was there before and after a change. */
    private static String figures(CommunityProfile p) {
        return "常住人口 " + p.getResidentPopulation() + "，社区工作者 " + p.getCommunityWorkers() + "，运行经费 "
                + p.getOperatingFundsYuan() + " 元，服务用房 " + p.getServiceSpaceM2() + " m²";
    }

    /** Saves a generated profile (demo data) without an actor check. */
    public void seed(CommunityProfile profile) {
        profiles.save(profile);
    }

    public Rollup rollup(String code) {
        Division division = territory.get(code);
        if (division.level() == Level.GRID) {
            throw DomainException.badRequest("网格没有汇总 / grids have no roll-up");
        }
        Actor.current().requireReads(code);
        String prefix = Scope.prefix(code) + "%";
        return jdbc.sql("""
                select count(*) as communities, count(p.community_code) as profiled,
                  coalesce(sum(p.resident_population), 0) as population, coalesce(sum(p.community_workers), 0) as workers,
                  avg(p.operating_funds_yuan) as funds, avg(p.service_space_m2) as space,
                  sum(case when p.resident_population > 0 and p.community_workers * 10000.0 / p.resident_population >= :workers then 1 else 0 end) as ok_workers,
                  sum(case when p.operating_funds_yuan >= :funds then 1 else 0 end) as ok_funds,
                  sum(case when p.service_space_m2 >= :space then 1 else 0 end) as ok_space,
                  max(case when p.synthetic then 1 else 0 end) as synthetic
                from division d left join community_profile p on p.community_code = d.code
                where d.level = 'COMMUNITY' and d.code like :prefix""")
                .param("prefix", prefix).param("workers", CommunityProfile.TARGET_WORKERS_PER_10K)
                .param("funds", CommunityProfile.TARGET_FUNDS_YUAN).param("space", CommunityProfile.TARGET_SPACE_M2)
                .query((rs, i) -> {
                    long population = rs.getLong("population");
                    long workers = rs.getLong("workers");
                    Number funds = (Number) rs.getObject("funds");
                    Number space = (Number) rs.getObject("space");
                    return new Rollup(code, division.name(), division.level().apiName(), rs.getInt("communities"),
                            rs.getInt("profiled"), population, workers,
                            population == 0 ? null : workers * 10_000.0 / population,
                            funds == null ? null : Math.round(funds.doubleValue()),
                            space == null ? null : Math.round(space.doubleValue()), rs.getInt("ok_workers"),
                            rs.getInt("ok_funds"), rs.getInt("ok_space"), rs.getInt("synthetic") == 1);
                }).single();
    }
}
