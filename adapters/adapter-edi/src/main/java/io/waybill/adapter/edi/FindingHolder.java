package io.waybill.adapter.edi;

import java.util.ArrayList;
import java.util.List;

/** An interchange, group or transaction being read: its kept findings and what they did to its status. */
abstract class FindingHolder {

    final List<EdiFinding> findings = new ArrayList<>();
    boolean rejecting;
    boolean errors;

    /** Records the effect of a finding, kept or not. */
    void mark(EdiFinding.Severity severity) {
        if (severity == EdiFinding.Severity.REJECTING) {
            rejecting = true;
        } else if (severity == EdiFinding.Severity.ERROR) {
            errors = true;
        }
    }
}
