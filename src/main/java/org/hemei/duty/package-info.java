/**
 * Duty catalogues (issue 5), first slice: the community access list 准入清单, the burden-reduction list 减负清单 and
 * the certificates communities must not issue; the gate that every department task to communities passes; access
 * applications; burden flags and the per-department report. The dispatch catalogue 派单目录 (which unit leads and
 * assists which category where), which casework's routing consults through {@code casework.DispatchRules}.
 */
package org.hemei.duty;
