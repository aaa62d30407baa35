// Conditions, incident lifecycle and on-call schedules, pure and clock-injected. Filled in by the alert-engine issue.
//
// This target is intentionally empty for now: it only fixes the module layout
// (see CONVENTIONS.md) so later work lands in the right place.
