package org.hemei.territory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hemei.territory.geo.GeoJsonFeatures;
import org.hemei.territory.geo.SpatialIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/**
 * The territory module on its own (plus identity and shared, which it uses): no demo data, so only what
 * the module loads itself, the divisions of Changsha.
 */
// verifyAutomatically = false: ModularityTests verifies the whole model once; a violation elsewhere (e.g. in demo)
// should fail that test, not stop this module from being tested.
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, verifyAutomatically = false)
class TerritoryModuleTests {

    @Autowired
    Territory territory;
    @Autowired
    Locator locator;
    @Autowired
    Grids grids;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void loadsChangshasDivisions() {
        assertThat(territory.all(Level.CITY)).hasSize(1);
        assertThat(territory.all(Level.DISTRICT)).hasSize(9);
        assertThat(territory.all(Level.STREET)).hasSize(172);
        assertThat(territory.all(Level.COMMUNITY)).hasSize(1649);
        assertThat(territory.all(Level.COMMUNITY).stream().filter(c -> c.kind().equals("community"))).hasSize(843);
    }

    @Test
    void knowsTheTreeOfADemoCommunity() {
        Division community = territory.get("430102001001");
        assertThat(community.name()).isEqualTo("识字里社区居委会");
        assertThat(community.shortName()).isEqualTo("识字里社区");
        assertThat(community.parentCode()).isEqualTo("430102001");
        assertThat(territory.path("430102001001").stream().map(Division::code))
                .containsExactly("430100", "430102", "430102001", "430102001001");
        assertThat(territory.children("430102").stream().map(Division::name)).contains("文艺路街道");
        assertThat(territory.children("430100")).hasSize(9);
    }

    @Test
    void aPointNoBoundaryOrGridCoversIsNowhere() {
        Location nowhere = locator.locate(0.0, 0.0, "wgs84");
        assertThat(nowhere).isEqualTo(Location.NOWHERE);
        assertThat(nowhere.mostPreciseCode()).isNull();
    }

    /**
     * After a restart the location index must contain the grids already in the database: in production
     * (no demo data to rebuild it) a restart must not make every point "nowhere" until the next import.
     */
    @Test
    void startupBuildsTheLocationIndexFromStoredGrids() throws Exception {
        String code = "430182105221901"; // a grid of 罗巷新村, drawn far from everything else
        jdbc.sql("delete from grid where code = ?").param(code).update();
        var square = GeoJsonFeatures.GEOMETRY_FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(100.0, 100.01, 20.0, 20.01));
        grids.seedSynthetic(List.of(new SpatialIndex.Entry(code, square)), c -> "模块测试网格");
        // Start-up as the application does it: the runners, then the ready event.
        for (ApplicationRunner runner : context.getBeansOfType(ApplicationRunner.class).values()) {
            runner.run(new DefaultApplicationArguments());
        }
        context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
        Location at = locator.locate(20.005, 100.005, null);
        assertThat(at.grid()).as("grid found after start-up").isNotNull();
        assertThat(at.grid().code()).isEqualTo(code);
        assertThat(at.community().code()).isEqualTo("430182105221");
    }
}
