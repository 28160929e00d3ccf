package org.hemei.duty;

/** What an entry of the community lists is: a duty or assistance item communities take, or a thing they must not be given. */
public enum AccessKind {
    /** 依法履行职责事项: a community's own duties by law. */
    LEGAL_DUTY,
    /** 依法协助政府事项: assistance communities give departments, listed by the access list or after an application. */
    ASSISTANCE,
    /** 减负清单: work removed from communities, in batches. */
    REMOVED_BURDEN,
    /** 社区不得出具的证明: certificates a community must not issue. */
    FORBIDDEN_CERTIFICATE;

    /** Whether a task on an item of this kind may be delivered to communities. */
    public boolean deliverable() {
        return this == LEGAL_DUTY || this == ASSISTANCE;
    }
}
