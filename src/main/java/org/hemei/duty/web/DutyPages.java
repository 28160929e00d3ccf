package org.hemei.duty.web;

import org.hemei.duty.AccessKind;
import org.hemei.duty.AccessList;
import org.hemei.duty.CheckInApps;
import org.hemei.identity.Staff;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The community lists as a page: access list, burden-reduction batches, forbidden certificates, check-in apps. */
@Controller
class DutyPages {

    private final AccessList accessList;
    private final CheckInApps checkInApps;

    DutyPages(AccessList accessList, CheckInApps checkInApps) {
        this.accessList = accessList;
        this.checkInApps = checkInApps;
    }

    @Staff
    @GetMapping("/duty")
    String lists(Model model) {
        model.addAttribute("legal", accessList.items(AccessKind.LEGAL_DUTY, null));
        model.addAttribute("assistance", accessList.items(AccessKind.ASSISTANCE, null));
        model.addAttribute("removed", accessList.items(AccessKind.REMOVED_BURDEN, null));
        model.addAttribute("certificates", accessList.items(AccessKind.FORBIDDEN_CERTIFICATE, null));
        model.addAttribute("apps", checkInApps.list(null));
        return "duty/lists";
    }
}
