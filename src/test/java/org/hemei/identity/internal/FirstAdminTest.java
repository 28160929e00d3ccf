package org.hemei.identity.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hemei.identity.AccountAdministration;
import org.hemei.identity.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Started without the demo profile on a database the demo ran on, the server refuses: its accounts are public. */
@SpringBootTest
class FirstAdminTest {

    @Autowired
    Accounts accounts;

    @Autowired
    AccountAdministration administration;

    @Test
    void aDatabaseHoldingTheDemoAccountsIsRefusedOutsideTheDemo() {
        // the tests' database is a demo one (profile demo): FirstAdmin, which runs only outside it, must refuse it
        FirstAdmin outsideTheDemo = new FirstAdmin(accounts, administration, "a-real-password");
        assertThatThrownBy(() -> outsideTheDemo.run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo profile");
    }
}
