package org.hemei.demo;

import java.util.List;
import org.hemei.casework.Categories;
import org.hemei.casework.Channel;
import org.hemei.casework.Dispatching;
import org.hemei.casework.Dispatching.DispatchRequest;
import org.hemei.casework.Handling;
import org.hemei.casework.Intake;
import org.hemei.casework.Intake.Demand;
import org.hemei.casework.Satisfaction;
import org.hemei.casework.Urgency;
import org.hemei.casework.WorkOrder;
import org.hemei.identity.Account;
import org.hemei.identity.Accounts;
import org.hemei.identity.Actor;
import org.hemei.territory.Grids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: work orders in 文艺路街道 at every stage, so the board, the inboxes, the timelines and the
 * measures have something to show from the first start. They go through the real intake and lifecycle, acted
 * by the system; titles, requesters and phones are synthetic (示例). Each has an idempotency key, so a restart
 * (or an older demo database) creates none twice. Once the application is ready: the category table is loaded by
 * a start-up runner.
 */
@Component
@Profile("demo")
class CaseworkDemoData {

    /** How far along the lifecycle a demo order is taken. */
    enum Stage {
        RECEIVED, REGISTERED, DISPATCHED, SIGNED, IN_PROGRESS, HANDLED, CLOSED
    }

    /** {@code by}: the demo account that reported it (resident, courier), or null for a call taken by the centre. */
    record DemoOrder(String key, Channel channel, String category, String place, Stage stage, String title, String text, String by) {

        DemoOrder(String key, Channel channel, String category, String place, Stage stage, String title, String text) {
            this(key, channel, category, place, stage, title, text, null);
        }
    }

    static final List<DemoOrder> ORDERS = List.of(
            new DemoOrder("demo-order-01", Channel.HOTLINE, null, DemoData.COMMUNITY, Stage.RECEIVED,
                    "识字里社区楼道灯不亮（示例）", "识字里社区3栋楼道灯坏了一个星期，晚上上下楼看不见，老人摔过一跤。"),
            new DemoOrder("demo-order-02", Channel.WEB, null, "430102001002", Stage.RECEIVED,
                    "文艺新村垃圾站满溢（示例）", "文艺新村社区垃圾站的垃圾两天没清运，满到路上了，气味很大。"),
            new DemoOrder("demo-order-03", Channel.HOTLINE, "NOISE", "430102001003", Stage.REGISTERED,
                    "韭菜园路工地夜间施工（示例）", "韭菜园社区旁边的工地每天晚上十一点以后还在打桩，噪音大得没法睡觉。"),
            new DemoOrder("demo-order-04", Channel.HOTLINE, "ENCROACH", DemoData.COMMUNITY, Stage.DISPATCHED,
                    "识字里路口占道经营（示例）", "识字里社区路口每天晚上都有流动摊贩占道经营，行人只能走机动车道。"),
            new DemoOrder("demo-order-05", Channel.GRID_PATROL, "SANITATION", DemoData.GRID, Stage.DISPATCHED,
                    "网格巡查：绿化带堆放建筑垃圾（示例）", "识字里第1网格内绿化带有人倾倒装修垃圾约两立方米，需清运。"),
            new DemoOrder("demo-order-06", Channel.HOTLINE, "PROPERTY", "430102001004", Stage.SIGNED,
                    "湘府社区电梯经常停运（示例）", "湘府社区5栋电梯这个月停了三次，物业说在等配件，一直没修好。"),
            new DemoOrder("demo-order-07", Channel.HOTLINE, "ILLEGAL_BUILDING", "430102001005", Stage.IN_PROGRESS,
                    "乔庄社区楼顶加建（示例）", "乔庄社区2栋楼顶有住户在加建房屋，已经砌了半人高的墙。"),
            new DemoOrder("demo-order-08", Channel.COURIER, "ROAD", "430102001006", Stage.HANDLED,
                    "东广济桥路面塌陷（示例）", "送件时发现东广济桥社区门口路面塌了一个坑，电动车容易摔。"),
            new DemoOrder("demo-order-09", Channel.HOTLINE, "NEIGHBOURS", DemoData.COMMUNITY, Stage.CLOSED,
                    "楼上漏水邻居不配合（示例）", "识字里社区楼上住户家漏水渗到我家天花板，邻居不配合维修。"),
            new DemoOrder("demo-order-10", Channel.WEB, "SANITATION", "430102001007", Stage.CLOSED,
                    "南元宫社区河边垃圾（示例）", "南元宫社区河边步道上有很多垃圾，已经很久没人打扫了。"),
            // handled, its on-site check due: the demo grid worker's first task
            new DemoOrder("demo-order-11", Channel.WEB, "SANITATION", DemoData.GRID, Stage.HANDLED,
                    "识字里第1网格垃圾桶破损（示例）", "识字里社区2栋门口的垃圾桶破了个大洞，垃圾漏得满地都是。"),
            // the demo resident's and courier's own reports: their 我的工单 lists, one handled and waiting for the resident's rating
            new DemoOrder("demo-order-12", Channel.WEB, "POWER", DemoData.COMMUNITY, Stage.HANDLED,
                    "识字里社区路灯不亮（示例）", "识字里社区1栋旁边的两盏路灯坏了半个月，晚上散步看不清路。", "resident"),
            new DemoOrder("demo-order-13", Channel.WEB, "PROPERTY", DemoData.COMMUNITY, Stage.IN_PROGRESS,
                    "识字里社区楼道堆放杂物（示例）", "识字里社区4栋楼道里堆满了纸箱和旧家具，堵住了消防通道，物业一直不清理。", "resident"),
            new DemoOrder("demo-order-14", Channel.COURIER, "TRAFFIC", "430102001003", Stage.SIGNED,
                    "韭菜园路口信号灯故障（示例）", "送餐经过韭菜园社区路口，红绿灯一直黄灯闪烁，车和行人抢行，很危险。", "courier"));

    private final Intake intake;
    private final Dispatching dispatching;
    private final Handling handling;
    private final Categories categories;
    private final Grids grids;
    private final Accounts accounts;
    private final boolean enabled;

    CaseworkDemoData(Intake intake, Dispatching dispatching, Handling handling, Categories categories, Grids grids, Accounts accounts,
            @Value("${hemei.demo.orders:true}") boolean enabled) {
        this.intake = intake;
        this.dispatching = dispatching;
        this.handling = handling;
        this.categories = categories;
        this.grids = grids;
        this.accounts = accounts;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void create() {
        if (!enabled) return;
        for (DemoOrder d : ORDERS) {
            // pinned inside its place's first grid, so the board's map shows it
            double[] at = grids.pointIn(d.place()).orElse(null);
            Double lat = at == null ? null : at[0], lng = at == null ? null : at[1];
            // the demo account's own report; taken by the centre instead should that account be gone
            java.util.Optional<Actor> reporter = java.util.Optional.ofNullable(d.by()).flatMap(accounts::findByUsername).map(Account::actor);
            Demand demand = new Demand(d.title(), d.text(), null, Urgency.NORMAL, false, reporter.isEmpty() ? "示例居民" : null, "13800000000",
                    false, lat, lng, null, null, d.place(), null, d.key());
            Intake.Received received = reporter.isEmpty() ? intake.receive(d.channel(), demand, d.key())
                    : reporter.get().acting(() -> intake.receive(d.channel(), demand, d.key()));
            if (!received.repeated()) advance(received.order(), d);
        }
    }

    private void advance(WorkOrder o, DemoOrder d) {
        if (d.stage() == Stage.RECEIVED) return;
        o = dispatching.register(o.getId(), d.category(), Urgency.NORMAL, false, null, o.getVersion());
        if (d.stage() == Stage.REGISTERED) return;
        o = dispatching.dispatch(o.getId(), new DispatchRequest(null, null, null, o.getVersion()));
        if (d.stage() == Stage.DISPATCHED) return;
        o = handling.sign(o.getId(), o.getVersion());
        if (d.stage() == Stage.SIGNED) return;
        o = handling.start(o.getId(), "已派人到现场查看（示例）", o.getVersion());
        if (d.stage() == Stage.IN_PROGRESS) return;
        o = handling.handle(o.getId(), "已到现场处理完毕并告知来电人（示例）", o.getVersion());
        if (d.stage() == Stage.HANDLED) return;
        if (categories.get(d.category()).verify()) o = handling.verify(o.getId(), true, "网格员现场核查属实（示例）", o.getVersion());
        handling.followUp(o.getId(), true, Satisfaction.SATISFIED, "回访满意（示例）", o.getVersion());
    }
}
