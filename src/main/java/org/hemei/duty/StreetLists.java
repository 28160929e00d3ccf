package org.hemei.duty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hemei.casework.TimeLimit;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Street duty lists 街道履职事项清单: the city template 市级模板 (owner {@value #TEMPLATE}) and each street's published
 * list (owner = the street's code), in versions that are never changed once imported. A version is in force from its
 * effective date until the next version of the same owner takes effect; a street without a version of its own on a day
 * follows the template's.
 */
@Service
public class StreetLists {

    /** The owner code of the city template: the city's division code. */
    public static final String TEMPLATE = Scope.CITY;

    /** A problem of an uploaded file: the spreadsheet row (the header is 1), the column's header, what is wrong. */
    public record Problem(int row, String column, String message) {
    }

    /** status: SCHEDULED (not yet effective), IN_FORCE, SUPERSEDED; supersededOn is the next version's date. */
    public record VersionView(long id, String ownerCode, String ownerName, boolean template, LocalDate effectiveFrom,
            LocalDate supersededOn, String status, OffsetDateTime importedAt, String importedBy, String fileName, int itemCount) {
    }

    /** An owner with the version in force today (null before its first takes effect) and the next one scheduled. */
    public record OwnerView(String ownerCode, String ownerName, boolean template, VersionView inForce, VersionView next,
            int versions) {
    }

    /** The items of one version; fromTemplate when a street had no version of its own in force on the day asked. */
    public record ItemsView(LocalDate on, String ownerCode, String ownerName, boolean fromTemplate, VersionView version,
            Paging<StreetListItem> items) {
    }

    /** created is false when the same content was already imported for that date (nothing changed). */
    public record Imported(VersionView version, boolean created) {
    }

    public record Export(String fileName, byte[] bytes) {
    }

    private final JdbcClient jdbc;
    private final StreetListFile files;
    private final Territory territory;
    private final AuditLog audit;
    private final Clock clock;

    StreetLists(JdbcClient jdbc, StreetListFile files, Territory territory, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.files = files;
        this.territory = territory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The template and every street with a list that the caller may read, each with its version in force today. */
    public Paging<OwnerView> owners(int page, int size) {
        Actor actor = Actor.current();
        List<String> codes = new ArrayList<>(List.of(TEMPLATE));
        jdbc.sql("select distinct owner_code from street_list_version where owner_code <> ? order by owner_code")
                .params(TEMPLATE).query(String.class).list().stream().filter(c -> reads(actor, c)).forEach(codes::add);
        List<OwnerView> items = codes.stream().skip((long) page * size).limit(size).map(this::owner).toList();
        return new Paging<>(items, page, size, codes.size());
    }

    public OwnerView owner(String ownerCode) {
        String owner = ownerCode(ownerCode);
        List<VersionView> versions = versionsOf(owner);
        LocalDate today = today();
        VersionView inForce = versions.stream().filter(v -> !v.effectiveFrom().isAfter(today)).reduce((a, b) -> b).orElse(null);
        VersionView next = versions.stream().filter(v -> v.effectiveFrom().isAfter(today)).findFirst().orElse(null);
        return new OwnerView(owner, ownerName(owner), owner.equals(TEMPLATE), inForce, next, versions.size());
    }

    /** An owner's versions, newest effective date first. */
    public Paging<VersionView> versions(String ownerCode, int page, int size) {
        String owner = ownerCode(ownerCode);
        List<VersionView> all = new ArrayList<>(versionsOf(owner));
        all.sort(Comparator.comparing(VersionView::effectiveFrom).reversed());
        return new Paging<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    public VersionView version(long id) {
        String owner = jdbc.sql("select owner_code from street_list_version where id = ?").params(id).query(String.class)
                .optional().orElseThrow(() -> DomainException.notFound("清单版本不存在 / no duty-list version " + id));
        requireReader(owner);
        return versionsOf(owner).stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    public ItemsView items(long versionId, int page, int size) {
        VersionView v = version(versionId);
        return new ItemsView(null, v.ownerCode(), v.ownerName(), false, v, page(v.id(), page, size));
    }

    /** The list in force for the owner on the day: a street's own latest version effective then, else the template's. */
    public ItemsView inForce(String ownerCode, LocalDate on, int page, int size) {
        String owner = ownerCode(ownerCode);
        LocalDate day = on == null ? today() : on;
        long id = resolve(owner, day).orElseThrow(() -> DomainException.notFound("该日没有施行的履职事项清单 / no duty list in force"
                + " on " + day));
        VersionView v = versionsOf(ownerOf(id)).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        return new ItemsView(day, owner, ownerName(owner), !v.ownerCode().equals(owner), v, page(id, page, size));
    }

    /**
     * Imports a version from an xlsx file, all or nothing. Refused: another street's list (403), an effective date in
     * the past (422: history is not rewritten), any problem in the file (422 naming each row and column), another
     * content for a date that already has a version (409). The same content again for that date changes nothing.
     */
    @Transactional
    public Imported importVersion(String ownerCode, LocalDate effectiveFrom, String fileName, byte[] bytes) {
        String owner = ownerCode(ownerCode);
        requireEditor(owner);
        if (effectiveFrom == null) {
            throw DomainException.badRequest("请填写生效日期 / effectiveFrom is required (yyyy-mm-dd)");
        }
        if (effectiveFrom.isBefore(today())) {
            throw DomainException.unprocessable("生效日期不能早于今天（" + today() + "）：已施行的版本不可改写，请以今天或以后的日期发布新版本"
                    + " / effectiveFrom must not lie in the past (today is " + today() + "): history is not rewritten; publish a"
                    + " new version from today or later", null);
        }
        if (bytes == null || bytes.length == 0) throw DomainException.badRequest("请选择 xlsx 文件 / file is required (xlsx)");
        if (bytes.length > StreetListFile.MAX_BYTES) {
            throw new DomainException(HttpStatus.CONTENT_TOO_LARGE, "文件不超过2 MB / the file must not exceed 2 MB");
        }
        StreetListFile.Parsed parsed = files.parse(files.readXlsx(bytes));
        if (!parsed.problems().isEmpty()) {
            throw DomainException.unprocessable("文件有 " + parsed.problems().size() + " 处问题，未导入任何内容 / the file has "
                    + parsed.problems().size() + " problems: nothing was imported", parsed.problems());
        }
        return publish(owner, effectiveFrom, fileName, parsed.items(), Actor.current().username());
    }

    /**
     * Withdraws a version that has not taken effect yet (a mistake found before its date); versions in force or
     * superseded are history and stay. The audit log keeps what was withdrawn.
     */
    @Transactional
    public VersionView withdraw(long versionId) {
        VersionView v = version(versionId);
        requireEditor(v.ownerCode());
        if (!v.status().equals("SCHEDULED")) {
            throw DomainException.conflict("只能撤回尚未生效的版本（此版本自 " + v.effectiveFrom() + " 起施行）/ only a version not yet in"
                    + " force can be withdrawn: this one took effect on " + v.effectiveFrom());
        }
        jdbc.sql("delete from street_list_item where version_id = ?").params(versionId).update();
        int n = jdbc.sql("delete from street_list_version where id = ? and effective_from > ?").params(versionId, today()).update();
        if (n != 1) throw DomainException.conflict(DomainException.STALE);
        audit.record("STREET_LIST_WITHDRAWN", "street-list:" + v.ownerCode(), "version " + versionId + " effective "
                + v.effectiveFrom() + ", " + v.itemCount() + " items");
        return v;
    }

    /** The version as an xlsx file that imports back to the same items. */
    public Export export(long versionId) {
        VersionView v = version(versionId);
        List<String[]> about = new ArrayList<>();
        about.add(new String[] { "清单 List", v.template() ? "街道履职事项清单 市级模板 / city template" : v.ownerName() + " 街道履职事项清单" });
        about.add(new String[] { "区划代码 Owner code", v.ownerCode() });
        about.add(new String[] { "生效日期 Effective from", v.effectiveFrom().toString() });
        about.add(new String[] { "版本 Version", "#" + v.id() + " " + v.status() });
        about.add(new String[] { "导入 Imported", v.importedBy() + " " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(v.importedAt().atZoneSameInstant(TimeLimit.CHINA)) + "（北京时间 / China time）" });
        about.add(new String[] { "说明 Note", "第一张表可修改后按新生效日期重新导入 / edit the first sheet and import it with a new effective date"
                + (v.template() ? "；示意清单（示例），请以正式公布的清单为准 / illustrative: replace with the official list" : "") });
        return new Export("street-list-" + v.ownerCode() + "-" + v.effectiveFrom() + ".xlsx", files.write(all(v.id()), about));
    }

    /**
     * Records a version; used by import and by the seed (which may date a version in the past). The same content for
     * an existing date returns that version unchanged; other content for it is a conflict.
     */
    @Transactional
    Imported publish(String owner, LocalDate effectiveFrom, String fileName, List<StreetListItem> items, String by) {
        String hash = hash(items);
        var existing = jdbc.sql("select id, content_hash from street_list_version where owner_code = ? and effective_from = ?")
                .params(owner, effectiveFrom).query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
        if (existing.isPresent()) {
            if (existing.get()[1].equals(hash)) return new Imported(version(Long.parseLong(existing.get()[0])), false);
            throw sameDate(owner, effectiveFrom);
        }
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into street_list_version(owner_code, effective_from, imported_at, imported_by, file_name, item_count,
                      content_hash) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(owner, effectiveFrom, OffsetDateTime.now(clock), by, fileName == null || fileName.isBlank() ? null
                            : fileName.strip().substring(0, Math.min(200, fileName.strip().length())), items.size(), hash)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw sameDate(owner, effectiveFrom);
        }
        long id = keys.getKey().longValue();
        int line = 0;
        for (StreetListItem item : items) {
            jdbc.sql("""
                    insert into street_list_item(version_id, line_no, code, name, basis, street_role, departments, categories)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, ++line, item.code(), item.name(), item.basis(), item.streetRole().name(),
                            String.join(";", item.departments()), String.join(";", item.categories()))
                    .update();
        }
        audit.record("STREET_LIST_IMPORTED", "street-list:" + owner, "version " + id + " effective " + effectiveFrom + ", "
                + items.size() + " items");
        return new Imported(version(id), true);
    }

    /** The id of the version in force for the owner on the day: its own, else (for a street) the template's. */
    Optional<Long> resolve(String owner, LocalDate on) {
        Optional<Long> own = latest(owner, on);
        return own.isPresent() || owner.equals(TEMPLATE) ? own : latest(TEMPLATE, on);
    }

    /** The days an owner's versions take effect, in order. */
    List<LocalDate> effectiveDates(String owner) {
        return jdbc.sql("select effective_from from street_list_version where owner_code = ? order by effective_from").params(owner)
                .query(LocalDate.class).list();
    }

    /** All items of a version, in file order. */
    List<StreetListItem> all(long versionId) {
        return jdbc.sql("select code, name, basis, street_role, departments, categories from street_list_item where version_id = ?"
                + " order by line_no").params(versionId).query((rs, i) -> item(rs)).list();
    }

    String ownerOf(long versionId) {
        return jdbc.sql("select owner_code from street_list_version where id = ?").params(versionId).query(String.class).single();
    }

    LocalDate effectiveFrom(long versionId) {
        return jdbc.sql("select effective_from from street_list_version where id = ?").params(versionId).query(LocalDate.class).single();
    }

    /** A department as people read it: a department type by its Chinese name, another unit by its name. */
    public static String departmentLabel(String canonical) {
        return StreetListFile.departmentLabel(canonical);
    }

    String ownerName(String owner) {
        if (owner.equals(TEMPLATE)) return "市级模板 / city template";
        return territory.find(owner).map(Division::name).orElse(owner);
    }

    boolean hasAny(String owner) {
        return jdbc.sql("select count(*) from street_list_version where owner_code = ?").params(owner).query(Long.class).single() > 0;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(TimeLimit.CHINA));
    }

    private Optional<Long> latest(String owner, LocalDate on) {
        return jdbc.sql("select id from street_list_version where owner_code = ? and effective_from <= ? order by effective_from desc")
                .params(owner, on).query(Long.class).list().stream().findFirst();
    }

    private Paging<StreetListItem> page(long versionId, int page, int size) {
        List<StreetListItem> items = jdbc.sql("select code, name, basis, street_role, departments, categories from street_list_item"
                + " where version_id = ? order by line_no limit ? offset ?").params(versionId, size, (long) page * size)
                .query((rs, i) -> item(rs)).list();
        long total = jdbc.sql("select count(*) from street_list_item where version_id = ?").params(versionId).query(Long.class).single();
        return new Paging<>(items, page, size, total);
    }

    private static StreetListItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StreetListItem(rs.getString(1), rs.getString(2), rs.getString(3), StreetRole.valueOf(rs.getString(4)),
                split(rs.getString(5)), split(rs.getString(6)));
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split(";"));
    }

    /** Versions in effective-date order, each with the date its successor supersedes it and its status today. */
    private List<VersionView> versionsOf(String owner) {
        requireReader(owner);
        record Row(long id, LocalDate from, OffsetDateTime at, String by, String file, int count) {
        }
        List<Row> rows = jdbc.sql("""
                select id, effective_from, imported_at, imported_by, file_name, item_count from street_list_version
                where owner_code = ? order by effective_from""")
                .params(owner).query((rs, i) -> new Row(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getString(5), rs.getInt(6))).list();
        LocalDate today = today();
        List<VersionView> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            LocalDate until = i + 1 < rows.size() ? rows.get(i + 1).from() : null;
            String status = r.from().isAfter(today) ? "SCHEDULED" : until != null && !until.isAfter(today) ? "SUPERSEDED" : "IN_FORCE";
            out.add(new VersionView(r.id(), owner, ownerName(owner), owner.equals(TEMPLATE), r.from(), until, status, r.at(),
                    r.by(), r.file(), r.count()));
        }
        return out;
    }

    /** "template" or 430100 for the city template, else a street's (or town's) 9-digit code. */
    private String ownerCode(String code) {
        String c = code == null ? "" : code.strip();
        if (c.equalsIgnoreCase("template") || c.equals(TEMPLATE)) return TEMPLATE;
        Division d = territory.find(c).orElseThrow(() -> DomainException.notFound("区划不存在 / no division " + c));
        if (d.level() != Level.STREET) {
            throw DomainException.badRequest("履职事项清单属于街道（乡镇）或市级模板（template）/ duty lists belong to a street or town"
                    + " (9 digits) or to the city template (template): " + c + " is a " + d.level().apiName());
        }
        return c;
    }

    /** Whether the caller may import versions for this owner (the pages show the upload form only then). */
    public boolean mayEdit(String ownerCode) {
        try {
            requireEditor(ownerCode(ownerCode));
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    private static void requireReader(String owner) {
        Actor actor = Actor.current();
        if (!actor.roles().stream().anyMatch(Role::isStaff)) throw new AccessDeniedException("staff only");
        if (!reads(actor, owner)) throw new AccessDeniedException("out of scope: " + owner);
    }

    /**
     * The template is read by all staff; a street's list by staff whose scope covers the street, and by the staff of
     * its communities and grids (they work under it).
     */
    private static boolean reads(Actor actor, String owner) {
        return owner.equals(TEMPLATE) || actor.covers(owner) || actor.scope().divisionCodes().stream().anyMatch(c -> c.startsWith(owner));
    }

    /** Administrators edit the template and any street's list; a street's own staff (scope = that street) its list. */
    private static void requireEditor(String owner) {
        Actor actor = Actor.current();
        if (actor.isAdmin()) return;
        if (owner.equals(TEMPLATE) || !actor.has(Role.UNIT_STAFF) || !actor.scope().divisionCodes().contains(owner)) {
            throw new AccessDeniedException("only administrators edit the city template, and a street's staff its own list");
        }
    }

    private DomainException sameDate(String owner, LocalDate date) {
        return DomainException.conflict(ownerName(owner) + " 已有 " + date + " 生效的另一版本：已发布的版本不可改写，请另选生效日期"
                + " / " + owner + " already has a different version effective " + date + ": published versions are not"
                + " rewritten; choose another effective date");
    }

    private static String hash(List<StreetListItem> items) {
        StringBuilder s = new StringBuilder();
        for (StreetListItem i : items) {
            s.append(String.join("\u001f", i.code(), i.name(), i.basis(), i.streetRole().name(), String.join(";", i.departments()),
                    String.join(";", i.categories()))).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
