package org.hemei.demo;

import org.hemei.duty.PropertyEvaluations;
import org.hemei.identity.AccountAdministration;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.organization.Units.UnitForm;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only, on every start (so older demo databases get it too): a property company in 文艺路街道 if it has
 * none, and one evaluation by the demo department waiting for the street's opinion.
 */
@Component
@Profile("demo")
@Order(20)
class DutyDemoData implements ApplicationRunner {

    private final Units units;
    private final AccountAdministration accounts;
    private final PropertyEvaluations evaluations;

    DutyDemoData(Units units, AccountAdministration accounts, PropertyEvaluations evaluations) {
        this.units = units;
        this.accounts = accounts;
        this.evaluations = evaluations;
    }

    @Override
    public void run(ApplicationArguments args) {
        var department = accounts.find("department").flatMap(a -> a.scope().unitIds().stream().findFirst());
        if (department.isEmpty()) return;
        var companies = units.search(null, UnitKind.PROPERTY_COMPANY, DemoData.STREET, 0, 1).items();
        long company = companies.isEmpty()
                ? units.create(new UnitForm("示例物业服务有限公司（示例）", UnitKind.PROPERTY_COMPANY, null, DemoData.COMMUNITY,
                        null, null, true, null)).getId()
                : companies.get(0).id();
        evaluations.seedAwaitingOpinion(department.get(), company, DemoData.STREET);
    }
}
