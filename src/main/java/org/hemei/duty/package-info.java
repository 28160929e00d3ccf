/**
 * Duty catalogues (issue 5), first slice: the community access list 准入清单, the burden-reduction list 减负清单 and
 * the certificates communities must not issue; the gate that every department task to communities passes; access
 * applications; burden flags and the per-department report.
 */
package org.hemei.duty;
