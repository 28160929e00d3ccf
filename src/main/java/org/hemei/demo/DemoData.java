package org.hemei.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.AccountAdministration.AccountForm;
import org.hemei.identity.Role;
import org.hemei.duty.CheckInApps;
import org.hemei.identity.Scope;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.PartyMember;
import org.hemei.organization.PartyMembers;
import org.hemei.organization.PartyOrganization;
import org.hemei.organization.PartyOrganization.Category;
import org.hemei.organization.PartyOrganization.Kind;
import org.hemei.organization.PartyOrganizations;
import org.hemei.organization.PartyOrganizations.OrgForm;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.organization.Units.UnitForm;
import org.hemei.territory.CommunityProfile;
import org.hemei.territory.CommunityProfiles;
import org.hemei.territory.Division;
import org.hemei.territory.Grids;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.hemei.territory.geo.SpatialIndex;
import org.hemei.territory.geo.SyntheticGrids;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo profile only: the ten demo accounts (password {@code demo}, API key {@code demo-<name>}), the city's
 * units and Party organization tree, and clearly labelled synthetic grids, community profiles, compounds and
 * Party members. Real divisions and codes; every invented figure or shape is marked synthetic (示例).
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String STREET = "430102001"; // 芙蓉区文艺路街道
    static final String COMMUNITY = "430102001001"; // 识字里社区
    static final String GRID = COMMUNITY + "001";
    static final List<String> ACCOUNTS = List.of("admin", "dispatcher", "street", "community", "department", "grid",
            "leader", "party", "resident", "courier");

    private final Territory territory;
    private final Grids grids;
    private final CommunityProfiles profiles;
    private final Units units;
    private final PartyOrganizations orgs;
    private final PartyMembers members;
    private final AccountAdministration accounts;
    private final TransactionTemplate tx;
    private final CheckInApps checkInApps;

    DemoData(Territory territory, Grids grids, CommunityProfiles profiles, Units units, PartyOrganizations orgs,
            PartyMembers members, AccountAdministration accounts, TransactionTemplate tx, CheckInApps checkInApps) {
        this.checkInApps = checkInApps;
        this.territory = territory;
        this.grids = grids;
        this.profiles = profiles;
        this.units = units;
        this.orgs = orgs;
        this.members = members;
        this.accounts = accounts;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.find("admin").isEmpty()) {
            long start = System.currentTimeMillis();
            tx.executeWithoutResult(s -> seed());
            grids.reindex();
            log.info("Demo data created in {} ms", System.currentTimeMillis() - start);
        }
        printAccounts();
    }

    private void seed() {
        seedGrids();
        seedProfilesAndCompounds();
        Map<String, Unit> keyUnits = seedUnits();
        Map<String, Long> keyOrgs = seedPartyOrganizations();
        seedMembers(keyOrgs.get(STREET));
        seedAccounts(keyUnits);
        seedCheckInApps();
    }

    /** Invented check-in apps (示例): some still required, some removed by the burden reduction. */
    private void seedCheckInApps() {
        String[][] apps = {
            { "城管巡查通（示例）", "长沙市城管局", "每日巡查打卡", null },
            { "平安社区APP（示例）", "长沙市公安局", "流动人口信息采集", null },
            { "网格e通（示例）", "长沙市委政法委", "网格员走访上报", null },
            { "创文迎检小程序（示例）", "长沙市文明办", "创建迎检照片上报", "并入网格e通（示例），不再单独打卡" },
            { "安全生产随手拍（示例）", "长沙市应急管理局", "企业安全检查拍照", "减负清单第二批：社区不承担企业安全生产检查（示例）" },
            { "垃圾分类督导打卡（示例）", "长沙市城管局", "督导员每日打卡", "改为按周汇总上报（示例）" },
        };
        for (String[] a : apps) {
            var app = checkInApps.register(new CheckInApps.AppForm(a[0], a[1], a[2]));
            if (a[3] != null) checkInApps.remove(app.id(), a[3]);
        }
    }

    /** A 3×3 block per district around Changsha, each community a 2×2 block of jittered grids: obviously not real boundaries. */
    private void seedGrids() {
        List<Division> districts = territory.all(Level.DISTRICT);
        List<SpatialIndex.Entry> all = new ArrayList<>();
        for (int i = 0; i < districts.size(); i++) {
            String district = districts.get(i).code();
            List<Division> communities = territory.all(Level.COMMUNITY).stream()
                    .filter(c -> c.code().startsWith(district)).toList();
            int cols = (int) Math.ceil(Math.sqrt(communities.size()));
            int rows = (int) Math.ceil(communities.size() / (double) cols);
            double west = 112.78 + (i % 3) * 0.13, south = 28.36 - (i / 3) * 0.11;
            Envelope box = new Envelope(west, west + 0.12, south, south + 0.10);
            List<SpatialIndex.Entry> cells = SyntheticGrids.tessellate(box, cols * 2, rows * 2, 4301L + i);
            for (int k = 0; k < cells.size(); k++) {
                int row = k / (cols * 2), col = k % (cols * 2);
                int community = (rows - 1 - row / 2) * cols + col / 2; // first communities at the top left
                if (community >= communities.size()) continue;
                int serial = (row % 2) * 2 + col % 2 + 1;
                all.add(new SpatialIndex.Entry(communities.get(community).code() + String.format("%03d", serial),
                        cells.get(k).wgs84Polygon()));
            }
        }
        Function<String, String> name = code -> territory.find(code.substring(0, 12)).map(Division::shortName).orElse("")
                + "第" + Integer.parseInt(code.substring(12)) + "网格（示例）";
        grids.seedSynthetic(all, name);
        seedBoundaries(all);
    }

    /** Synthetic boundaries as unions of the synthetic grids: community, then street, then district. */
    private void seedBoundaries(List<SpatialIndex.Entry> gridShapes) {
        Map<String, Geometry> level = gridShapes.stream().collect(Collectors.groupingBy(
                g -> g.code().substring(0, 12), Collectors.collectingAndThen(
                        Collectors.mapping(SpatialIndex.Entry::wgs84Polygon, Collectors.toList()), CascadedPolygonUnion::union)));
        for (int length : new int[] { 9, 6 }) {
            level.forEach(grids::seedSyntheticBoundary);
            int cut = length;
            level = level.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().substring(0, cut),
                    Collectors.collectingAndThen(Collectors.mapping(Map.Entry::getValue, Collectors.toList()),
                            CascadedPolygonUnion::union)));
        }
        level.forEach(grids::seedSyntheticBoundary);
    }

    private void seedProfilesAndCompounds() {
        Random random = new Random(430100);
        for (Division c : territory.all(Level.COMMUNITY)) {
            boolean urban = c.kind().equals("community");
            int population = urban ? 4000 + random.nextInt(12000) : 1500 + random.nextInt(4000);
            int workers = (int) Math.round(population / 10_000.0 * (12 + random.nextInt(12)));
            long funds = 800_000 + random.nextInt(900_000);
            int space = 400 + random.nextInt(1100);
            profiles.seed(new CommunityProfile(c.code(), population, Math.max(3, workers), funds, space, true));
        }
        for (Division c : territory.children(STREET)) {
            for (int k = 1; k <= 3; k++) {
                grids.seedCompound(c.shortName() + "示例小区" + k + "（示例）", c.code(), c.shortName() + k + "号院（示例）");
            }
        }
    }

    private Map<String, Unit> seedUnits() {
        Map<String, Unit> key = new java.util.HashMap<>();
        for (DepartmentType type : DepartmentType.values()) {
            Unit u = units.create(new UnitForm("长沙市" + type.chinese() + "局", UnitKind.DEPARTMENT, type, Scope.CITY,
                    "0731-12345", null, true, null));
            if (type == DepartmentType.CHENGGUAN) key.put("department", u);
        }
        Set<DepartmentType> districtTypes = Set.of(DepartmentType.CHENGGUAN, DepartmentType.ZHUJIAN,
                DepartmentType.SHICHANG_JIANGUAN, DepartmentType.SHENGTAI_HUANJING, DepartmentType.SHUIWU, DepartmentType.GONGAN);
        for (Division d : territory.all(Level.DISTRICT)) {
            for (DepartmentType type : districtTypes) {
                units.create(new UnitForm(d.name() + type.chinese() + "局", UnitKind.DEPARTMENT, type, d.code(), null, null, true, null));
            }
        }
        for (Division s : territory.all(Level.STREET)) {
            Unit u = units.create(new UnitForm(s.name() + "办事处", UnitKind.STREET_OFFICE, null, s.code(), null, null, true, null));
            if (s.code().equals(STREET)) key.put("street", u);
        }
        for (Division c : territory.all(Level.COMMUNITY)) {
            Unit u = units.create(new UnitForm(c.name(), UnitKind.COMMUNITY_COMMITTEE, null, c.code(), null, null, true, null));
            if (c.code().equals(COMMUNITY)) key.put("community", u);
        }
        units.create(new UnitForm("示例物业服务有限公司（示例）", UnitKind.PROPERTY_COMPANY, null, COMMUNITY, null, null, true, null));
        units.create(new UnitForm("示例中学（驻区单位，示例）", UnitKind.RESIDENT_UNIT, null, STREET, null, null, true, null));
        return key;
    }

    /** 市委 → 区委 → 街道党工委 → 社区党委, plus a compound branch, a mobile branch and a platform company's branch. */
    private Map<String, Long> seedPartyOrganizations() {
        Map<String, Long> ids = new java.util.HashMap<>();
        ids.put(Scope.CITY, orgs.create(new OrgForm("中共长沙市委员会", Kind.COMMITTEE, Category.TERRITORIAL, null, Scope.CITY, null, null)).getId());
        for (Division d : territory.all(Level.DISTRICT)) {
            ids.put(d.code(), orgs.create(new OrgForm("中共" + d.name() + "委员会", Kind.COMMITTEE, Category.TERRITORIAL,
                    ids.get(Scope.CITY), d.code(), null, null)).getId());
        }
        for (Division s : territory.all(Level.STREET)) {
            boolean street = s.kind().equals("street");
            ids.put(s.code(), orgs.create(new OrgForm("中共" + s.name() + (street ? "工作委员会" : "委员会"),
                    street ? Kind.WORKING_COMMITTEE : Kind.COMMITTEE, Category.TERRITORIAL, ids.get(s.parentCode()), s.code(),
                    null, null)).getId());
        }
        for (Division c : territory.all(Level.COMMUNITY)) {
            ids.put(c.code(), orgs.create(new OrgForm("中共" + c.shortName() + "委员会", Kind.COMMITTEE, Category.TERRITORIAL,
                    ids.get(c.parentCode()), c.code(), null, null)).getId());
        }
        orgs.create(new OrgForm("识字里示例小区1党支部（示例）", Kind.BRANCH, Category.COMPOUND, ids.get(COMMUNITY), COMMUNITY, null, null));
        orgs.create(new OrgForm("文艺路街道快递小哥流动党员党支部（示例）", Kind.BRANCH, Category.MOBILE, ids.get(STREET), STREET, null, null));
        orgs.create(new OrgForm("示例外卖平台长沙站点党支部（示例）", Kind.BRANCH, Category.PLATFORM, ids.get("430102"), "430102", null, null));
        return ids;
    }

    /** Invented members with invented numbers (1380000xxxx) in 文艺路街道's community Party committees. */
    private void seedMembers(long streetOrgId) {
        Random random = new Random(2465);
        String surnames = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高";
        String given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";
        List<PartyMember> generated = new ArrayList<>();
        var communityOrgs = orgs.list(streetOrgId, null, null, 0, 50).items();
        for (int i = 0; i < 200; i++) {
            var org = communityOrgs.get(i % communityOrgs.size());
            String name = "" + surnames.charAt(random.nextInt(surnames.length())) + given.charAt(random.nextInt(given.length()))
                    + (random.nextBoolean() ? "" + given.charAt(random.nextInt(given.length())) : "");
            generated.add(new PartyMember(name, String.format("1380000%04d", i), random.nextBoolean() ? "男" : "女",
                    java.time.LocalDate.of(1975 + random.nextInt(45), 1 + random.nextInt(12), 1), org.id(),
                    org.divisionCode(), true));
        }
        members.seed(generated);
    }

    private void seedAccounts(Map<String, Unit> units) {
        create("admin", "系统管理员（示例）", Role.ADMIN, Scope.city());
        create("dispatcher", "12345派单员（示例）", Role.DISPATCHER, Scope.city());
        create("street", "文艺路街道工作人员（示例）", Role.UNIT_STAFF, new Scope(Set.of(STREET), Set.of(units.get("street").getId())));
        create("community", "识字里社区工作人员（示例）", Role.UNIT_STAFF,
                new Scope(Set.of(COMMUNITY), Set.of(units.get("community").getId())));
        create("department", "市城管局工作人员（示例）", Role.UNIT_STAFF, new Scope(Set.of(), Set.of(units.get("department").getId())));
        Account grid = create("grid", "识字里第1网格网格员（示例）", Role.GRID_WORKER, new Scope(Set.of(GRID), Set.of()));
        grids.assignWorker(GRID, grid.getId());
        create("leader", "市领导（示例）", Role.LEADER, Scope.city());
        create("party", "文艺路街道党工委工作人员（示例）", Role.PARTY_STAFF, new Scope(Set.of(STREET), Set.of()));
        create("resident", "居民（示例）", Role.RESIDENT, Scope.none());
        create("courier", "快递小哥（示例）", Role.COURIER, Scope.none());
    }

    private Account create(String name, String displayName, Role role, Scope scope) {
        Account a = accounts.create(new AccountForm(name, displayName, "demo", Set.of(role), scope, true, null));
        accounts.storeApiKey(a.getId(), "demo-" + name, "demo");
        return a;
    }

    private void printAccounts() {
        String table = ACCOUNTS.stream().map(name -> accounts.find(name).map(a -> String.format("  %-11s %-12s %s%n",
                name, a.roles().iterator().next(), a.getDisplayName())).orElse("")).collect(Collectors.joining());
        log.warn("""

                ===== 和美 Hemei demo =====  http://localhost:8080
                Demo accounts — password "demo", API key "demo-<name>" (only while the demo profile is active):
                {}""", table);
    }
}
