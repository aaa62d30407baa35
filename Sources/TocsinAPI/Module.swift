// Swift types of Monitor, AlertRule, OnCallSchedule and Incident. Filled in by the custom-resources issue.
//
// This target is intentionally empty for now: it only fixes the module layout
// (see CONVENTIONS.md) so later work lands in the right place.
