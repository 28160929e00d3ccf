package org.hemei.duty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.hemei.duty.StreetLists.Problem;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A street duty list as the xlsx file streets keep it in: one sheet, a header row naming the columns in Chinese with
 * the English after it, one item per row. Reading validates the whole file and reports every problem with its row
 * and column; writing gives a file that reads back to the same items.
 */
@Component
class StreetListFile {

    /** The columns, in the order they are written; a header cell is recognised by its Chinese or its English name. */
    enum Column {
        CODE("事项编号", "Code"), NAME("事项名称", "Name"), BASIS("履职依据", "Basis"),
        ROLE("街道角色", "Street role (主责/配合)"), DEPARTMENTS("相关部门", "Departments"), CATEGORIES("工单类别", "Categories");

        final String chinese;
        final String english;

        Column(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        String header() {
            return chinese + " " + english;
        }

        boolean matches(String cell) {
            String c = cell.strip().toLowerCase(Locale.ROOT);
            String en = english.toLowerCase(Locale.ROOT).replaceAll(" \\(.*", "");
            return c.startsWith(chinese) || c.equals(en) || c.endsWith(" " + en) || c.contains(" " + en + " ");
        }
    }

    /** A table read from a file or the seed: the header and the rows with the line numbers a person sees. */
    record Table(List<String> header, List<Line> rows) {
    }

    record Line(int row, List<String> cells) {
        String cell(int index) {
            return index < 0 || index >= cells.size() || cells.get(index) == null ? "" : cells.get(index).strip();
        }
    }

    /** The items of a valid file, or every problem found (then no items). */
    record Parsed(List<StreetListItem> items, List<Problem> problems) {
    }

    static final int MAX_ITEMS = 1000;
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The departments of an item are kept joined in one column of this many characters. */
    private static final int STORED_MAX = 1000;

    /** How lists separate several departments or categories in one cell; the export writes 、. */
    private static final Pattern SEPARATORS = Pattern.compile("[;；、,，\\n]+");
    private static final String SEPARATOR = "、";

    private final Categories categories;
    private final Units units;

    StreetListFile(Categories categories, Units units) {
        this.categories = categories;
        this.units = units;
    }

    /** Reads the first sheet of an xlsx workbook; anything else is 415. */
    Table readXlsx(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) {
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请上传 Excel .xlsx 文件（旧版 .xls 和 CSV 请先另存为 .xlsx）"
                    + " / upload an Excel .xlsx workbook (save .xls or CSV files as .xlsx first)");
        }
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) return new Table(List.of(), List.of());
            Sheet sheet = book.getSheetAt(0);
            DataFormatter text = new DataFormatter(Locale.ROOT);
            List<Line> lines = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : text.formatCellValue(cell));
                }
                if (cells.stream().anyMatch(s -> !s.isBlank())) lines.add(new Line(row.getRowNum() + 1, cells));
            }
            if (lines.isEmpty()) return new Table(List.of(), List.of());
            return new Table(lines.get(0).cells(), lines.subList(1, lines.size()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) throw d;
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "无法读取该 xlsx 文件 / cannot read this xlsx workbook: "
                    + e.getMessage());
        }
    }

    /** Validates every row; the items only when there is no problem at all. */
    Parsed parse(Table table) {
        List<Problem> problems = new ArrayList<>();
        Map<Column, Integer> at = columns(table.header(), problems);
        if (!problems.isEmpty()) return new Parsed(List.of(), problems);
        if (table.rows().isEmpty()) {
            problems.add(new Problem(1, null, "文件中没有事项 / the file has no items"));
        } else if (table.rows().size() > MAX_ITEMS) {
            problems.add(new Problem(1, null, "事项过多（至多" + MAX_ITEMS + "项）/ too many items: at most " + MAX_ITEMS));
        }
        List<StreetListItem> items = new ArrayList<>();
        Map<String, Integer> codeRows = new HashMap<>();
        Map<String, Integer> categoryRows = new HashMap<>();
        for (Line line : problems.isEmpty() ? table.rows() : List.<Line>of()) {
            int before = problems.size();
            String code = text(line, at, Column.CODE, 30, true, problems);
            String name = text(line, at, Column.NAME, 200, true, problems);
            String basis = text(line, at, Column.BASIS, 1000, true, problems);
            StreetRole role = role(line, at, problems);
            List<String> departments = departments(line, at, role, problems);
            List<String> cats = categories(line, at, problems);
            if (!code.isEmpty()) {
                Integer first = codeRows.putIfAbsent(code, line.row());
                if (first != null) problems.add(new Problem(line.row(), Column.CODE.header(), "事项编号 " + code + " 与第" + first
                        + "行重复 / code " + code + " repeats row " + first));
            }
            for (String c : cats) {
                Integer first = categoryRows.putIfAbsent(c, line.row());
                if (first != null) problems.add(new Problem(line.row(), Column.CATEGORIES.header(), "工单类别 " + c + " 已由第" + first
                        + "行的事项覆盖（每个类别只能属于一个事项）/ category " + c + " is already covered by row " + first
                        + " (a category belongs to one item only)"));
            }
            if (problems.size() == before) items.add(new StreetListItem(code, name, basis, role, departments, cats));
        }
        return problems.isEmpty() ? new Parsed(List.copyOf(items), List.of()) : new Parsed(List.of(), List.copyOf(problems));
    }

    /** The workbook for a version: the items on the first sheet, what the list is on the second. */
    byte[] write(List<StreetListItem> items, List<String[]> about) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("履职事项清单");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (Column c : Column.values()) {
                Cell cell = header.createCell(c.ordinal());
                cell.setCellValue(c.header());
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (StreetListItem item : items) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(item.code());
                row.createCell(1).setCellValue(item.name());
                row.createCell(2).setCellValue(item.basis());
                row.createCell(3).setCellValue(item.streetRole().chinese());
                row.createCell(4).setCellValue(String.join(SEPARATOR, item.departments().stream().map(StreetListFile::departmentLabel).toList()));
                row.createCell(5).setCellValue(String.join(SEPARATOR, item.categories()));
            }
            int[] widths = { 12, 36, 48, 16, 30, 30 };
            for (int i = 0; i < widths.length; i++) sheet.setColumnWidth(i, widths[i] * 256);
            sheet.createFreezePane(0, 1);
            Sheet info = book.createSheet("说明 About");
            for (int i = 0; i < about.size(); i++) {
                Row row = info.createRow(i);
                for (int c = 0; c < about.get(i).length; c++) row.createCell(c).setCellValue(about.get(i)[c]);
            }
            info.setColumnWidth(0, 24 * 256);
            info.setColumnWidth(1, 80 * 256);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A department as people read it: a department type by its Chinese name, another unit by its name. */
    static String departmentLabel(String canonical) {
        return Arrays.stream(DepartmentType.values()).filter(t -> t.name().equals(canonical)).findFirst()
                .map(DepartmentType::chinese).orElse(canonical);
    }

    private static Map<Column, Integer> columns(List<String> header, List<Problem> problems) {
        if (header.isEmpty()) {
            problems.add(new Problem(1, null, "文件为空：第一行应为表头 / the file is empty: the first row must be the header"));
            return Map.of();
        }
        Map<Column, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            for (Column c : Column.values()) {
                if (header.get(i) != null && c.matches(header.get(i)) && !at.containsKey(c)) at.put(c, i);
            }
        }
        for (Column c : Column.values()) {
            if (!at.containsKey(c)) problems.add(new Problem(1, c.header(), "缺少列「" + c.header() + "」/ the column \"" + c.header()
                    + "\" is missing"));
        }
        return at;
    }

    private static String text(Line line, Map<Column, Integer> at, Column column, int max, boolean required, List<Problem> problems) {
        String value = line.cell(at.get(column));
        if (required && value.isEmpty()) {
            problems.add(new Problem(line.row(), column.header(), "请填写" + column.chinese + " / " + column.english + " is required"));
        } else if (value.length() > max) {
            problems.add(new Problem(line.row(), column.header(), column.chinese + "不超过" + max + "字 / " + column.english
                    + ": at most " + max + " characters"));
        }
        return value;
    }

    private static StreetRole role(Line line, Map<Column, Integer> at, List<Problem> problems) {
        String value = line.cell(at.get(Column.ROLE));
        Optional<StreetRole> role = StreetRole.parse(value);
        if (role.isEmpty()) {
            problems.add(new Problem(line.row(), Column.ROLE.header(), (value.isEmpty() ? "请填写街道角色" : "无法识别街道角色「" + value + "」")
                    + "：填“主责”或“配合” / street role must be 主责 (LEAD) or 配合 (ASSIST)" + (value.isEmpty() ? "" : ": " + value)));
        }
        return role.orElse(null);
    }

    private List<String> departments(Line line, Map<Column, Integer> at, StreetRole role, List<Problem> problems) {
        List<String> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String token : tokens(line.cell(at.get(Column.DEPARTMENTS)))) {
            Optional<String> known = department(token);
            if (known.isPresent()) out.add(known.get());
            else unknown.add(token);
        }
        if (!unknown.isEmpty()) {
            problems.add(new Problem(line.row(), Column.DEPARTMENTS.header(), "未知部门：" + String.join("、", unknown)
                    + "（填部门类别如 水务、住建，或单位目录中的单位全称）/ unknown departments: " + String.join(", ", unknown)
                    + " (a department type such as 水务 or SHUIWU, or a unit's full name from the directory)"));
        } else if (role == StreetRole.ASSIST && out.isEmpty()) {
            problems.add(new Problem(line.row(), Column.DEPARTMENTS.header(), "街道配合的事项须写明负责的部门 / an item the street only"
                    + " assists names the departments responsible"));
        }
        List<String> departments = List.copyOf(new LinkedHashSet<>(out));
        if (String.join(";", departments).length() > STORED_MAX) {
            problems.add(new Problem(line.row(), Column.DEPARTMENTS.header(), "相关部门合计超过 " + STORED_MAX + " 字，请拆分事项"
                    + " / the departments together exceed " + STORED_MAX + " characters: split the item"));
        }
        return departments;
    }

    private List<String> categories(Line line, Map<Column, Integer> at, List<Problem> problems) {
        List<String> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String token : tokens(line.cell(at.get(Column.CATEGORIES)))) {
            Optional<Category> c = categories.find(token.toUpperCase(Locale.ROOT))
                    .or(() -> categories.all().stream().filter(x -> x.name().equals(token)).findFirst());
            if (c.isPresent()) out.add(c.get().code());
            else unknown.add(token);
        }
        if (!unknown.isEmpty()) {
            problems.add(new Problem(line.row(), Column.CATEGORIES.header(), "未知工单类别：" + String.join("、", unknown)
                    + "（填类别编码如 WATER 或名称如 供水问题）/ unknown work-order categories: " + String.join(", ", unknown)
                    + " (a category code such as WATER or its name)"));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** A department type (enum name, Chinese name, or that with 局/部门), else a unit of the directory by its full name. */
    private Optional<String> department(String token) {
        for (DepartmentType t : DepartmentType.values()) {
            if (token.equalsIgnoreCase(t.name()) || token.equals(t.chinese()) || token.equals(t.chinese() + "局")
                    || token.equals(t.chinese() + "部门")) {
                return Optional.of(t.name());
            }
        }
        if (token.length() > 120) return Optional.empty();
        return units.search(token, null, null, 0, 50).items().stream().filter(u -> u.name().equals(token)).findFirst()
                .map(u -> u.name());
    }

    private static List<String> tokens(String cell) {
        return Arrays.stream(SEPARATORS.split(cell)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
